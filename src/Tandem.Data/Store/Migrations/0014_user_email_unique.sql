-- One account per e-mail address, whatever its case: the address is the identity a user signs
-- the agreement with, so two accounts with it could sign as the same signatory.
-- Addresses stored twice before this migration are resolved deterministically, never by failing
-- half-way: the oldest account (lowest id) keeps the address and the later ones lose it, to be
-- given a free one again with `tandem user email`. lower() and expression indexes read the same
-- on SQLite and PostgreSQL, and both let any number of users have no address (NULL).
UPDATE users SET email = NULL
WHERE email IS NOT NULL
  AND EXISTS (SELECT 1 FROM users AS older WHERE lower(older.email) = lower(users.email) AND older.id < users.id);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

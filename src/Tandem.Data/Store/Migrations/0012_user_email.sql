-- A user's e-mail address: it names the agreement's signatory they sign as (the signatory with the
-- same address), and an admin's address gets the agreement's review reminder.
ALTER TABLE users ADD COLUMN email TEXT;

using Tandem.Data.Import;
using Tandem.Data.Import.Mapping;

namespace Tandem.Data.UseCases;

/// <summary>The first rows as an import would read them, or why the import would be refused (nothing is ever written).</summary>
public sealed record TablePreviewResult(ImportPreview? Preview, IReadOnlyList<FieldProblem> Problems, IReadOnlyList<MappingFileError> MappingErrors);

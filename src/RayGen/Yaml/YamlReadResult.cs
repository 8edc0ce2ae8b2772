using System.Collections.Generic;
using System.Linq;

namespace RayGen.Yaml
{
    internal sealed class YamlDocument
    {
        public YamlDocument(int index, YamlNode? root, SourceSpan span)
        {
            Index = index;
            Root = root;
            Span = span;
        }

        /// <summary>0-based position in the stream, counting empty documents too.</summary>
        public int Index { get; }

        /// <summary>The root node, or null for an empty document.</summary>
        public YamlNode? Root { get; }

        public SourceSpan Span { get; }
    }

    internal enum YamlProblemKind
    {
        /// <summary>The text is not valid YAML (or an alias or merge key cannot be resolved).</summary>
        Syntax,

        /// <summary>A <see cref="YamlBudgets"/> limit was hit.</summary>
        Budget,

        /// <summary>A mapping repeats a key; Kubernetes rejects this.</summary>
        DuplicateKey,
    }

    internal sealed record YamlProblem(YamlProblemKind Kind, string Message, SourceSpan Span);

    /// <summary>
    /// Limits that keep hostile input from exhausting the compiler: text length, nesting depth (also
    /// through aliases, so recursive walks of the tree are bounded by it), parsed nodes per document,
    /// and nodes reached through aliases per document (bounds "billion laughs").
    /// </summary>
    internal sealed record YamlBudgets(int MaxChars, int MaxDepth, int MaxNodes, int MaxAliasExpansion)
    {
        public static YamlBudgets Default { get; } = new(10 * 1024 * 1024, 200, 1_000_000, 1_000_000);
    }

    internal sealed class YamlReadResult
    {
        public YamlReadResult(IReadOnlyList<YamlDocument> documents, IReadOnlyList<YamlProblem> problems)
        {
            Documents = documents;
            Problems = problems;
        }

        /// <summary>The documents read completely; reading stops at the first syntax or budget problem.</summary>
        public IReadOnlyList<YamlDocument> Documents { get; }

        public IReadOnlyList<YamlProblem> Problems { get; }

        public bool HasErrors => Problems.Any(p => p.Kind is YamlProblemKind.Syntax or YamlProblemKind.Budget);
    }
}

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
    /// and nodes and scalar characters reached through aliases per document (bounds "billion laughs",
    /// and a long string aliased many times, which consumers would otherwise concatenate).
    /// </summary>
    internal sealed record YamlBudgets(int MaxChars, int MaxDepth, int MaxNodes, int MaxAliasExpansion, int MaxAliasChars = YamlBudgets.DefaultMaxChars)
    {
        public const int DefaultMaxChars = 10 * 1024 * 1024;

        public static YamlBudgets Default { get; } = new(DefaultMaxChars, 200, 1_000_000, 1_000_000, DefaultMaxChars);

        /// <summary>The problem for a text of <paramref name="length"/> characters, or null when it may be read.</summary>
        public YamlProblem? SizeProblem(int length) => length <= MaxChars
            ? null
            : new YamlProblem(YamlProblemKind.Budget, $"The YAML text has {length} characters, more than the limit of {MaxChars}; it was not read.", SourceSpan.Empty);
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

using System.Collections.Generic;
using System.Linq;

namespace RayGen.Shell
{
    /// <summary>What <see cref="ShellParser.Parse"/> returns. Never null parts; a failed parse keeps the tree built before the error.</summary>
    internal sealed class ShellParseResult
    {
        public ShellParseResult(
            string text,
            ShellDialect dialect,
            ShellScript script,
            IReadOnlyList<ShellDiagnostic> diagnostics,
            IReadOnlyList<ShellComment> comments,
            IReadOnlyList<ShellHereDocument> hereDocuments)
        {
            Text = text;
            Dialect = dialect;
            Script = script;
            Diagnostics = diagnostics;
            Comments = comments;
            HereDocuments = hereDocuments;
        }

        public string Text { get; }

        public ShellDialect Dialect { get; }

        public ShellScript Script { get; }

        /// <summary>At most one error (parsing stops at the first, like bash) plus any warnings before it.</summary>
        public IReadOnlyList<ShellDiagnostic> Diagnostics { get; }

        /// <summary>All comments, including those inside substitutions, in source order.</summary>
        public IReadOnlyList<ShellComment> Comments { get; }

        /// <summary>All here-documents, including those inside substitutions, in the order their operators appear.</summary>
        public IReadOnlyList<ShellHereDocument> HereDocuments { get; }

        /// <summary>True when bash would refuse to run the text.</summary>
        public bool HasErrors => Diagnostics.Any(d => d.Severity == ShellDiagnosticSeverity.Error);

        public ShellDiagnostic? FirstError => Diagnostics.FirstOrDefault(d => d.Severity == ShellDiagnosticSeverity.Error);

        /// <summary>The list items ending in <c>&amp;</c> anywhere in the script, in source order.</summary>
        public IEnumerable<ShellListItem> BackgroundItems =>
            Script.DescendantsAndSelf().OfType<ShellListItem>().Where(i => i.IsBackground).OrderBy(i => i.Start);

        /// <summary>All simple commands anywhere in the script (also inside substitutions), in source order.</summary>
        public IEnumerable<ShellSimpleCommand> SimpleCommands =>
            Script.DescendantsAndSelf().OfType<ShellSimpleCommand>().OrderBy(c => c.Start);
    }
}

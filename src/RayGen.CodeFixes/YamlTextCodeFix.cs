using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace RayGen.CodeFixes
{
    /// <summary>
    /// Base of RayGen's fixes: each diagnostic sits in a YAML additional document, and a fix is one text
    /// change to it (or none, when the scalar cannot be rewritten safely).
    /// </summary>
    public abstract class YamlTextCodeFix : CodeFixProvider
    {
        public sealed override FixAllProvider? GetFixAllProvider() => null;

        /// <summary>The code action's title.</summary>
        internal abstract string Title { get; }

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            TextDocument document = context.TextDocument;
            SourceText text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (Fix(text.ToString(), diagnostic.Location.SourceSpan) is { } change)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            Title,
                            _ => Task.FromResult(document.Project.Solution.WithAdditionalDocumentText(document.Id, text.WithChanges(change))),
                            GetType().Name),
                        diagnostic);
                }
            }
        }

        /// <summary>The change that fixes the diagnostic at <paramref name="span"/>, or <c>null</c>.</summary>
        internal abstract TextChange? Fix(string text, TextSpan span);
    }
}

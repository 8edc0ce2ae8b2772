using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.PodLayout
{
    /// <summary>
    /// RAY0063: an old-style worker init container loops on <c>nslookup</c>/<c>getent</c> for the head
    /// Service: it waits for DNS, not for a ready GCS, and KubeRay's injected wait-gcs-ready does the real job.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyServiceWaitAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.LegacyServiceWait,
            "Legacy init container waits for the head Service, not for GCS",
            "Init container '{0}' waits for the head Service's DNS name, not for a ready GCS; KubeRay's injected 'wait-gcs-ready' already waits for GCS (since KubeRay 0.5.0), so it can be deleted",
            DiagnosticSeverity.Info);

        private static readonly string[] DnsCommands = { "nslookup", "getent" };

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            if (context.Group.IsHead || !context.Settings.EnableInitContainerInjection
                || context.Group.GroupNode.Get("template")?.Get("spec")?.Get("initContainers") is not { Kind: YamlNodeKind.Sequence } inits)
            {
                return;
            }

            foreach (YamlNode init in inits.Items.Where(i => i.Kind == YamlNodeKind.Mapping))
            {
                // Exec form: a known shell's -c script is shell text; otherwise the words form one command.
                string[] words = new[] { "command", "args" }
                    .Select(key => init.Get(key))
                    .Where(node => node?.Kind == YamlNodeKind.Sequence)
                    .SelectMany(node => node!.Items.Select(i => i.Value))
                    .ToArray();
                ShellParseResult parsed = KnownShell.Find(words) is { ScriptIndex: { } script } shell
                    ? ShellParser.Parse(words[script], shell.Dialect)
                    : ShellParser.Parse(string.Join(" ", words));
                bool waitsForDns = parsed.Script.DescendantsAndSelf().OfType<ShellLoopCommand>()
                    .Any(loop => loop.DescendantsAndSelf().OfType<ShellSimpleCommand>()
                        .Any(command => command.Name is { } word && DnsCommands.Any(word.IsLiteral)));
                if (waitsForDns)
                {
                    YamlNode located = init.Get("name") ?? init;
                    context.Report(Rule, located.Span, null, init.Get("name")?.Value ?? "");
                }
            }
        }
    }
}

using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Overwrite
{
    /// <summary>
    /// RAY0024: overwrite mode, and the container's command/args run neither a real <c>ray start</c> nor
    /// <c>KUBERAY_GEN_RAY_START_CMD</c>. Silent when the program runs something RayGen cannot see (a script file,
    /// a sourced file, a command word with expansions: group F resolves ConfigMap scripts, RAY0074 reports the
    /// rest), when a command matches <c>raygen.startWrappers</c>, and when only <c>args</c> are given to an image
    /// other than <c>rayproject/ray*</c> (its ENTRYPOINT may start Ray).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OverwriteNeverStartsRayAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.OverwriteNeverStartsRay,
            "Overwrite mode never starts Ray",
            "{0}",
            DiagnosticSeverity.Warning);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (group.OverwriteAnnotation is not { } annotation || group.Elements.Count == 0 || group.ContainerNode is not { } container)
            {
                return;
            }

            ContainerProgram program = ContainerProgram.For(group);
            if ((!program.HasCommand && !ContainerProgram.IsRayProjectImage(program.Image)) || program.IsExecRayStart || program.IsTemplated)
            {
                return;
            }

            StartWrappers wrappers = StartWrappers.Parse(context.Option(StartWrappers.OptionKey));
            if (program.Program is { } shell)
            {
                if (shell.Commands.Any(c => RayCommands.IsRayStart(c)
                                            || RayCommands.StartCommandUseOf(c, out _) != StartCommandUse.None
                                            || RayCommands.RunsUnseenScript(c)
                                            || wrappers.Matches(c.Name)))
                {
                    return;
                }
            }
            else if (program.Shell is not null || RunsUnseenProgram(program, wrappers))
            {
                return; // a shell running a script file, or an exec-form program RayGen cannot see into
            }

            YamlNode node = container.Get("args") ?? container.Get("command") ?? container;
            context.Report(Rule, node.Span, new[] { annotation.Span }, null,
                $"ray.io/overwrite-container-cmd is \"true\", so KubeRay runs this command as written, but it runs neither 'ray start' nor $KUBERAY_GEN_RAY_START_CMD: Ray never starts in group '{group.Group.GroupName}'. End the script with eval \"$KUBERAY_GEN_RAY_START_CMD\" (or list your wrapper in raygen.startWrappers). {group.FinalArgsExcerpt}");
        }

        /// <summary>An exec-form program: a path or script, an interpreter running a file, or a configured wrapper.</summary>
        private static bool RunsUnseenProgram(ContainerProgram program, StartWrappers wrappers)
        {
            string[] argv = program.Argv.Select(a => a.Value).ToArray();
            int i = 0;
            while (i < argv.Length && KnownShell.BaseName(argv[i].Trim()) is "nohup" or "exec" or "tini" or "dumb-init" or "--" or "setsid")
            {
                i++;
            }

            if (i >= argv.Length)
            {
                return true;
            }

            string name = argv[i].Trim();
            string baseName = KnownShell.BaseName(name);
            if (RayStartSubstringAnalyzer.IsShellTextAsFileName(name))
            {
                return true; // shell text run as one file name: it fails to start at all, which is another problem
            }

            if (wrappers.Matches(name) || name.Contains('/') || baseName.EndsWith(".sh", StringComparison.Ordinal) || baseName.EndsWith(".py", StringComparison.Ordinal))
            {
                return true;
            }

            return baseName.StartsWith("python", StringComparison.Ordinal)
                && !argv.Skip(i + 1).Contains("-c") && !argv.Skip(i + 1).Contains("-m")
                && argv.Skip(i + 1).Any(a => !a.StartsWith("-", StringComparison.Ordinal));
        }
    }
}

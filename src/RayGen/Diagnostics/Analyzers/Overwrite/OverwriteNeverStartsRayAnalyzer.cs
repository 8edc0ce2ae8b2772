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
    /// <c>KUBERAY_GEN_RAY_START_CMD</c>, and no resolved ConfigMap script they run or source does (group F resolution;
    /// such scripts are read in place, exec-form ones too). Silent when the program runs something RayGen cannot see
    /// (a script that cannot be resolved, a Python script, a program of the image, a command word with expansions:
    /// RAY0074 reports the unresolved scripts), when a command matches <c>raygen.startWrappers</c>, and when only
    /// <c>args</c> are given to an image other than <c>rayproject/ray*</c> (its ENTRYPOINT may start Ray).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OverwriteNeverStartsRayAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.OverwriteNeverStartsRay,
            "Overwrite mode never starts Ray",
            "{0}",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
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
            if (context.Scripts.Program is { } shell)
            {
                // The shell text, or the resolved script an exec-form command runs, with the scripts they run walked in place.
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
            SourceRef location = context.Scripts.Ref(node.Span);
            context.Report(Rule, location, null, new[] { context.Scripts.Ref(annotation.Span) },
                $"ray.io/overwrite-container-cmd is \"true\", so KubeRay runs this command as written, but it runs neither 'ray start' nor $KUBERAY_GEN_RAY_START_CMD{Scripts(context.Scripts.Program)}: Ray never starts in group '{group.Group.GroupName}'. End the script with eval \"$KUBERAY_GEN_RAY_START_CMD\" (or list your wrapper in raygen.startWrappers). {group.FinalArgsExcerpt}");
        }

        /// <summary>" (nor do the scripts it runs: '/x/a.sh')" when resolved scripts were read.</summary>
        private static string Scripts(ShellProgram? program)
        {
            string[] paths = program?.Texts.Where(t => t.Via is not null).Select(t => "'" + t.Via!.Script.Path + "'").Distinct().ToArray() ?? new string[0];
            return paths.Length == 0 ? string.Empty : ", nor do the scripts it runs (" + string.Join(", ", paths) + ")";
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

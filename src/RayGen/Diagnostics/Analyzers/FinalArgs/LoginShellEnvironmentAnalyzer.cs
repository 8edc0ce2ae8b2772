using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Shell;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0009: since KubeRay 1.4.0 the generated command runs with <c>bash -c</c>, not a login shell, so
    /// <c>conda activate</c>, <c>pyenv</c>, <c>nvm</c> and <c>module load</c> (defined by profile/rc files) are
    /// missing unless the command sources an initializer first. Scripts sourced from the command are not read
    /// (group F resolves scripts); any <c>source</c>/<c>.</c> before the use counts as an initializer.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LoginShellEnvironmentAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.LoginShellEnvironment,
            "Relies on a login-shell environment that KubeRay >= 1.4 no longer sets up",
            "{0}",
            DiagnosticSeverity.Info);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.IsGenerated || !group.Profile.HonorsLoginShellKnob || context.Settings.EnableLoginShell)
            {
                return;
            }

            ShellProgram program = ShellProgram.Walk(new ShellText(group.JoinedParse, group.Locate, 0));
            bool initialized = false;
            foreach (ProgramCommand command in program.Commands)
            {
                if (IsInitializer(command))
                {
                    initialized = true;
                    continue;
                }

                if (initialized || InLoginShell(command) || Use(command) is not { } use)
                {
                    continue;
                }

                context.Report(Rule, command.Locate(command.Words[0]), null,
                    $"KubeRay {group.Profile.Version} runs this with '/bin/bash -c' (no login shell since 1.4.0), so no profile or rc file is read and '{use}' is not set up there. Source the initializer first (e.g. 'source /home/ray/anaconda3/etc/profile.d/conda.sh', 'eval \"$(pyenv init -)\"'), or set RayGenEnableLoginShell=true if the operator runs with ENABLE_LOGIN_SHELL=true. {group.FinalArgsExcerpt}");
                return;
            }
        }

        private static string? Use(ProgramCommand command) => command.BaseName switch
        {
            "conda" when command.Literal(1) == "activate" => "conda activate",
            "pyenv" => "pyenv",
            "nvm" => "nvm",
            "module" when command.Literal(1) == "load" => "module load",
            _ => null,
        };

        private static bool IsInitializer(ProgramCommand command)
        {
            if (RayCommands.IsSource(command))
            {
                return true;
            }

            if (command.BaseName != "eval")
            {
                return false;
            }

            string text = command.Node.GetText(command.Text.Parse.Text);
            return text.Contains("shell.") || text.Contains(" hook") || text.Contains(" init");
        }

        /// <summary>True inside the script of a login shell (<c>bash -lc '…'</c>), which reads the profile.</summary>
        private static bool InLoginShell(ProgramCommand command)
        {
            for (ShellScope? scope = command.Scope; scope != null; scope = scope.Parent)
            {
                if (scope.Owner is ShellSimpleCommand starter
                    && KnownShell.Find(ShellProgram.Unwrap(starter.Words, out _).Select(w => w.TryGetLiteralValue(out string v) ? v : null).ToArray()) is { IsLogin: true })
                {
                    return true;
                }
            }

            return false;
        }
    }
}

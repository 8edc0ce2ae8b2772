using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Diagnostics.Analyzers.Hooks;
using RayGen.Shell;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0009: since KubeRay 1.4.0 the generated command runs with <c>bash -c</c>, not a login shell, so
    /// <c>conda activate</c>, <c>pyenv</c>, <c>nvm</c> and <c>module load</c> (defined by profile/rc files) are
    /// missing unless the command sources an initializer first. A resolved ConfigMap script that the command sources
    /// is read in place: a use inside it is reported at the script's path (with the use as an additional location),
    /// and an initializer inside it counts for later uses. A sourced file RayGen cannot read, or one named like an
    /// initializer (<c>conda.sh</c>, a profile or rc file), counts as an initializer.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LoginShellEnvironmentAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.LoginShellEnvironment,
            "Relies on a login-shell environment that KubeRay >= 1.4 no longer sets up",
            "{0}",
            DiagnosticSeverity.Info,
            WellKnownDiagnosticTags.CompilationEnd);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.IsGenerated || !group.Profile.HonorsLoginShellKnob || context.Settings.EnableLoginShell || context.Scripts.Program is not { } program)
            {
                return;
            }

            bool initialized = false;
            foreach (ProgramCommand command in program.Commands)
            {
                if (command.Is(CommandPlacement.Script))
                {
                    continue; // a script run as its own process: only sourced ones share this shell's environment
                }

                if (IsInitializer(command))
                {
                    initialized = true;
                    continue;
                }

                if (initialized || InLoginShell(command) || Use(command) is not { } use)
                {
                    continue;
                }

                (SourceRef primary, SourceRef? inner, ScriptVia? via) = context.Scripts.Place(command.Text, command.Locate(command.Words[0]));
                string where = inner is { } at ? ScriptMessages.Where(via, at) : string.Empty;
                context.Report(Rule, primary, null, inner is { } related ? new[] { related } : null,
                    $"KubeRay {group.Profile.Version} runs this with '/bin/bash -c' (no login shell since 1.4.0), so no profile or rc file is read and '{use}'{where} is not set up there. Source the initializer first (e.g. 'source /home/ray/anaconda3/etc/profile.d/conda.sh', 'eval \"$(pyenv init -)\"'), or set RayGenEnableLoginShell=true if the operator runs with ENABLE_LOGIN_SHELL=true. {group.FinalArgsExcerpt}");
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
                // A resolved script is read in place instead, unless its name says it is the initializer itself.
                return !command.RunsResolvedScript || LooksLikeInitializer(command.Literal(1));
            }

            if (command.BaseName != "eval")
            {
                return false;
            }

            string text = command.Node.GetText(command.Text.Parse.Text);
            return text.Contains("shell.") || text.Contains(" hook") || text.Contains(" init");
        }

        /// <summary><c>…/conda.sh</c>, or a profile or rc file (<c>.profile</c>, <c>/etc/profile.d/x.sh</c>, <c>.bashrc</c>).</summary>
        private static bool LooksLikeInitializer(string? path)
        {
            string name = KnownShell.BaseName(path ?? string.Empty);
            return name == "conda.sh" || (path ?? string.Empty).IndexOf("profile", System.StringComparison.Ordinal) >= 0 || (name.StartsWith(".", System.StringComparison.Ordinal) && name.EndsWith("rc", System.StringComparison.Ordinal));
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

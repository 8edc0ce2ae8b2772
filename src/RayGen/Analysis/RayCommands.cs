using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RayGen.Shell;

namespace RayGen.Analysis
{
    /// <summary>How a command uses <c>KUBERAY_GEN_RAY_START_CMD</c> (rules.md RAY0024/RAY0026).</summary>
    internal enum StartCommandUse
    {
        None,

        /// <summary><c>$X</c> or <c>${X}</c> unquoted as the command word: split on blanks, no quote removal (RAY0026).</summary>
        Plain,

        /// <summary><c>"$X"</c> as the command word.</summary>
        Quoted,

        /// <summary><c>eval "$X"</c>.</summary>
        Eval,

        /// <summary><c>bash -c "$X"</c>.</summary>
        ShellScript,
    }

    /// <summary>
    /// What a command means for Ray: a real <c>ray start</c>, a use of <c>KUBERAY_GEN_RAY_START_CMD</c>, an
    /// open-files limit, a command that never returns, a readiness check (rules.md §0.7). Plain code over
    /// <see cref="ProgramCommand"/>; shared by groups A and B.
    /// </summary>
    internal static class RayCommands
    {
        public const string StartCommandVariable = "KUBERAY_GEN_RAY_START_CMD";

        private static readonly HashSet<string> Servers = new(StringComparer.Ordinal) { "tensorboard", "uvicorn", "gunicorn" };

        /// <summary>Commands that return on their own (no daemons of their own in the foreground).</summary>
        private static readonly HashSet<string> ShortLived = new(StringComparer.Ordinal)
        {
            "echo", "printf", "true", "false", ":", "export", "cd", "set", "unset", "ulimit", "umask", "trap", "test", "[", "[[",
            "mkdir", "cp", "mv", "rm", "ln", "chmod", "chown", "cat", "ls", "touch", "date", "hostname", "whoami", "id", "env",
            "sed", "grep", "awk", "cut", "tr", "head", "sort", "uniq", "wc", "tee", "basename", "dirname", "readlink", "realpath",
            "pip", "pip3", "uv", "apt-get", "apt", "yum", "conda", "curl", "wget", "tar", "unzip", "gzip", "df", "du", "free",
            "nproc", "uname", "which", "type", "hash", "shift", "read", "declare", "local", "readonly", "typeset", "alias", "sync",
            "prlimit", "nvidia-smi", "git", "sleep", "exit", "return", "break", "continue", "shopt", "wait",
        };

        /// <summary>The index of the <c>start</c> word when the command is <c>ray start …</c> (command word <c>ray</c>, operand <c>start</c>).</summary>
        public static int? RayStartIndex(ProgramCommand command)
        {
            if (command.BaseName != "ray")
            {
                return null;
            }

            for (int i = 1; i < command.Words.Count; i++)
            {
                string? word = command.Literal(i);
                if (word is null)
                {
                    return null;
                }

                if (!word.StartsWith("-", StringComparison.Ordinal))
                {
                    return word == "start" ? i : null;
                }
            }

            return null;
        }

        /// <summary>True for a real <c>ray start</c> invocation.</summary>
        public static bool IsRayStart(ProgramCommand command) => RayStartIndex(command) is not null;

        /// <summary>True when the <c>ray start</c> has <c>--block</c>, or an argument with expansions that might hold it.</summary>
        public static bool MayBlock(ProgramCommand command) =>
            command.Words.Skip(1).Any(w => !w.TryGetLiteralValue(out string v) || v == "--block" || v.StartsWith("--block=", StringComparison.Ordinal));

        /// <summary>True when the words of an exec-form array are <c>ray start …</c>.</summary>
        public static bool IsRayStart(IReadOnlyList<string> argv) =>
            argv.Count >= 2 && KnownShell.BaseName(argv[0].Trim()) == "ray" && argv.Skip(1).FirstOrDefault(a => !a.StartsWith("-", StringComparison.Ordinal)) == "start";

        /// <summary>How the command uses <c>KUBERAY_GEN_RAY_START_CMD</c>, and the reference itself.</summary>
        public static StartCommandUse StartCommandUseOf(ProgramCommand command, out ShellParameterExpansionPart? reference)
        {
            reference = null;
            if (command.Words.Count == 0)
            {
                return StartCommandUse.None;
            }

            ShellWord name = command.Words[0];
            if (name.Parts.Count == 1 && name.Parts[0] is ShellParameterExpansionPart plain && IsStartVariable(plain))
            {
                reference = plain;
                return StartCommandUse.Plain;
            }

            if (name.Parts.Count == 1 && name.Parts[0] is ShellDoubleQuotedPart { Parts: { Count: 1 } } quoted
                && quoted.Parts[0] is ShellParameterExpansionPart inner && IsStartVariable(inner))
            {
                reference = inner;
                return StartCommandUse.Quoted;
            }

            ShellParameterExpansionPart? FirstReference(IEnumerable<ShellWord> words) =>
                words.SelectMany(w => w.GetParameterExpansions()).Select(r => r.Expansion).FirstOrDefault(IsStartVariable);

            if (command.BaseName == "eval" && FirstReference(command.Words.Skip(1)) is { } evaluated)
            {
                reference = evaluated;
                return StartCommandUse.Eval;
            }

            if (KnownShell.Find(command.Literals()) is { ScriptIndex: { } script } && FirstReference(new[] { command.Words[script] }) is { } shellText)
            {
                reference = shellText;
                return StartCommandUse.ShellScript;
            }

            return StartCommandUse.None;
        }

        private static bool IsStartVariable(ShellParameterExpansionPart part) => part.Name == StartCommandVariable && part.Prefix is null;

        /// <summary><c>ulimit -n …</c> (also <c>-Sn</c>, <c>-HSn</c>) or <c>prlimit --nofile=…</c>.</summary>
        public static bool RaisesOpenFiles(ProgramCommand command) => command.BaseName switch
        {
            "ulimit" => command.Words.Skip(1).Any(w => w.TryGetLiteralValue(out string v) && v.Length > 1 && v[0] == '-' && !v.StartsWith("--", StringComparison.Ordinal) && v.IndexOf('n') > 0),
            "prlimit" => command.Words.Skip(1).Any(w => w.TryGetLiteralValue(out string v) && (v.StartsWith("--nofile", StringComparison.Ordinal) || v == "-n" || v.StartsWith("-n", StringComparison.Ordinal))),
            _ => false,
        };

        /// <summary><c>source FILE</c> or <c>. FILE</c>.</summary>
        public static bool IsSource(ProgramCommand command) => command.BaseName is "source" or "." && command.Words.Count > 1;

        /// <summary>
        /// A description when the command never returns on its own (rules.md RAY0007): <c>sleep infinity</c> or a sleep
        /// of a day or more, <c>tail -f</c>, and well-known servers. Null otherwise.
        /// </summary>
        public static string? NeverReturns(ProgramCommand command)
        {
            string? name = command.BaseName;
            string?[] args = command.Literals().Skip(1).ToArray();
            switch (name)
            {
                case "sleep":
                    double total = 0;
                    foreach (string? arg in args)
                    {
                        if (arg is null)
                        {
                            return null;
                        }

                        if (SleepSeconds(arg) is not { } seconds)
                        {
                            return null;
                        }

                        total += seconds;
                    }

                    return args.Length > 0 && total >= 86400 ? "'sleep " + string.Join(" ", args) + "' does not return" : null;
                case "tail" when args.Any(a => a is "-f" or "-F" or "--follow" || (a is not null && a.StartsWith("--follow=", StringComparison.Ordinal))
                                               || (a is not null && a.Length > 1 && a[0] == '-' && a[1] != '-' && (a.IndexOf('f') > 0 || a.IndexOf('F') > 0))):
                    return "'tail -f' follows the file forever";
                case "python" or "python3" when Array.IndexOf(args, "-m") is int m and >= 0 && m + 1 < args.Length && args[m + 1] == "http.server":
                    return "'python -m http.server' is a server";
                case "jupyter" when args.Length > 0 && args[0] is "lab" or "notebook":
                    return "'jupyter " + args[0] + "' is a server";
                case not null when Servers.Contains(name):
                    return "'" + name + "' is a server";
                default:
                    return null;
            }
        }

        /// <summary>GNU sleep operand in seconds (<c>infinity</c>, <c>inf</c>, <c>10</c>, <c>1.5h</c>, <c>2d</c>); null if not a duration.</summary>
        public static double? SleepSeconds(string arg)
        {
            string a = arg.Trim();
            if (a is "infinity" or "inf" or "INF" or "Infinity")
            {
                return double.PositiveInfinity;
            }

            double factor = 1;
            if (a.Length > 1 && char.IsLetter(a[a.Length - 1]))
            {
                factor = a[a.Length - 1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => double.NaN };
                a = a.Substring(0, a.Length - 1);
            }

            return !double.IsNaN(factor) && double.TryParse(a, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
                ? value * factor
                : null;
        }

        /// <summary>True for commands known to return by themselves (builtins, file and package tools, short sleeps, <c>ray</c> other than <c>start --block</c>).</summary>
        public static bool ReturnsQuickly(ProgramCommand command)
        {
            if (command.Words.Count == 0)
            {
                return true; // assignments and redirections only
            }

            if (NeverReturns(command) is not null || command.Name is not { } name)
            {
                return false;
            }

            string baseName = KnownShell.BaseName(name);
            if (baseName == "ray")
            {
                return !IsRayStart(command) || !MayBlock(command);
            }

            return ShortLived.Contains(baseName);
        }

        /// <summary>
        /// True when the command runs a script or program whose content RayGen cannot see: a path
        /// (<c>/x/run.sh</c>, <c>./start</c>), a file sourced or given to a known shell or Python, or a command word
        /// with expansions. Group F resolves ConfigMap scripts; until then they count as unresolved (RAY0074).
        /// </summary>
        public static bool RunsUnseenScript(ProgramCommand command)
        {
            if (command.Words.Count == 0)
            {
                return false;
            }

            if (command.Name is not { } name)
            {
                return true;
            }

            string baseName = KnownShell.BaseName(name);
            if (name.Contains('/') || baseName.EndsWith(".sh", StringComparison.Ordinal) || baseName.EndsWith(".py", StringComparison.Ordinal))
            {
                return baseName != "ray";
            }

            if (IsSource(command) || (baseName == "eval" && command.Words.Skip(1).Any(w => !w.TryGetLiteralValue(out _))))
            {
                return true;
            }

            if (KnownShell.Find(command.Literals()) is { ScriptFileIndex: not null })
            {
                return true;
            }

            if (baseName.StartsWith("python", StringComparison.Ordinal))
            {
                string?[] args = command.Literals().Skip(1).ToArray();
                string? operand = args.FirstOrDefault(a => a is null || !a.StartsWith("-", StringComparison.Ordinal));
                return !args.Contains("-c") && !args.Contains("-m") && operand is not null;
            }

            return false;
        }

        /// <summary>
        /// A readiness check (rules.md §0.7): <c>ray health-check</c>, <c>ray status</c>, an HTTP request to a Ray
        /// health endpoint, or a TCP probe. <paramref name="local"/> is true when it names <c>localhost</c>/<c>127.0.0.1</c>.
        /// </summary>
        public static bool IsReadinessCheck(ShellSimpleCommand command, string text, out bool local)
        {
            IReadOnlyList<ShellWord> words = ShellProgram.Unwrap(command.Words, out _);
            string all = command.GetText(text);
            local = all.Contains("localhost") || all.Contains("127.0.0.1");
            string?[] literals = words.Select(w => w.TryGetLiteralValue(out string v) ? v : null).ToArray();
            string? name = literals.Length > 0 && literals[0] is { } n ? KnownShell.BaseName(n) : null;
            if (name == "ray" && literals.Skip(1).FirstOrDefault(a => a is null || !a.StartsWith("-", StringComparison.Ordinal)) is "health-check" or "status")
            {
                return true;
            }

            bool endpoint = all.Contains("/api/gcs_healthz") || all.Contains("/api/local_raylet_healthz") || all.Contains("/api/healthz");
            if (endpoint && (name is "curl" or "wget" || (name is not null && name.StartsWith("python", StringComparison.Ordinal))))
            {
                return true;
            }

            if (name == "nc" && literals.Any(a => a is not null && a.Length > 1 && a[0] == '-' && a.IndexOf('z') > 0))
            {
                return true;
            }

            return command.Redirections.Any(r => r.Target.TryGetLiteralValue(out string target) ? target.StartsWith("/dev/tcp/", StringComparison.Ordinal) : r.Target.GetText(text).Contains("/dev/tcp/"));
        }
    }
}

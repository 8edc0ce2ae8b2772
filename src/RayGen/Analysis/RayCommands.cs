using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
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
    /// The one classifier of what a command means for Ray (rules.md §0.3, §0.7), shared by groups A, B and F:
    /// command wrappers, Ray-dependent commands, readiness checks, <c>ray start</c> and whether it blocks, uses of
    /// <c>KUBERAY_GEN_RAY_START_CMD</c>, the open-files limit, commands that never return, and the script file a
    /// command runs. Known shells and their script arguments are <see cref="KnownShell"/>'s. Everything is decided on
    /// argv words (a <c>null</c> word is one whose value is not literal); the overloads that take a
    /// <see cref="ProgramCommand"/> read its literal words the same way. Python source is searched by
    /// <see cref="PythonScanner"/>.
    /// </summary>
    internal static class RayCommands
    {
        public const string StartCommandVariable = "KUBERAY_GEN_RAY_START_CMD";

        private static readonly Regex PythonName = new(@"^python[0-9.]*$", RegexOptions.CultureInvariant);

        private static readonly HashSet<string> ClusterSubcommands = new(StringComparer.Ordinal)
        {
            "status", "list", "summary", "get", "logs", "memory", "timeline", "health-check",
        };

        private static readonly HashSet<string> JobSubcommands = new(StringComparer.Ordinal) { "submit", "status", "logs", "list", "stop" };

        private static readonly HashSet<string> ServeDriverSubcommands = new(StringComparer.Ordinal) { "start", "run" };

        private static readonly HashSet<string> ServeClientSubcommands = new(StringComparer.Ordinal) { "deploy", "status", "config", "shutdown" };

        private static readonly string[] HealthPaths = { "/api/gcs_healthz", "/api/local_raylet_healthz", "/api/healthz" };

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

        // ----- Wrappers -----

        /// <summary>
        /// Skips command wrappers in shell text (see the overload) and returns the index of the real command, or -1 when
        /// none is left.
        /// </summary>
        public static int SkipWrappers(IReadOnlyList<string?> argv, int start, out bool underTimeout, out bool detached) =>
            SkipWrappers(argv, start, execForm: false, out _, out underTimeout, out detached);

        /// <summary>
        /// Skips the wrappers that run the rest of the words (<c>exec</c>, <c>command</c>, <c>builtin</c>, <c>nohup</c>,
        /// <c>env [A=b]</c>, <c>timeout [opts] N</c>, <c>setsid</c>, <c>nice</c>, <c>ionice</c>, <c>stdbuf</c>,
        /// <c>sudo</c>, <c>tini --</c>, <c>dumb-init</c>) and returns the index of the real command, or -1 when none is
        /// left. A word that is not literal ends the search there. <paramref name="execForm"/>: the words are an exec-form
        /// array, where the shell builtins (<c>exec</c>, <c>command</c>, <c>builtin</c>) are not programs.
        /// <paramref name="isExec"/>: behind <c>exec</c>, which replaces the shell.
        /// </summary>
        public static int SkipWrappers(IReadOnlyList<string?> argv, int start, bool execForm, out bool isExec, out bool underTimeout, out bool detached)
        {
            isExec = false;
            underTimeout = false;
            detached = false;
            int i = start;
            bool Option(int k, out string option)
            {
                option = k < argv.Count && argv[k] is { } w && w.StartsWith("-", StringComparison.Ordinal) ? w : string.Empty;
                return option.Length > 0;
            }

            while (i < argv.Count)
            {
                if (argv[i] is not { } word)
                {
                    return i;
                }

                string option;
                switch (KnownShell.BaseName(word.Trim()))
                {
                    case "exec" when !execForm && (i == start || isExec):
                        isExec = true;
                        i++;
                        while (Option(i, out option))
                        {
                            i += option == "-a" ? 2 : 1;
                        }

                        continue;
                    case "command" or "builtin" when !execForm && i == start:
                        i++;
                        while (i < argv.Count && argv[i] is "-p" or "--")
                        {
                            i++;
                        }

                        continue;
                    case "nohup":
                        i++;
                        while (i < argv.Count && argv[i] == "--")
                        {
                            i++;
                        }

                        continue;
                    case "tini" or "dumb-init":
                        i++;
                        while (Option(i, out _))
                        {
                            i++;
                        }

                        continue;
                    case "env":
                        i++;
                        while (Option(i, out option) || (i < argv.Count && argv[i] is { } a && IsAssignment(a)))
                        {
                            i += option is "-u" or "-C" or "-S" or "--unset" or "--chdir" ? 2 : 1;
                        }

                        continue;
                    case "setsid":
                        i++;
                        while (Option(i, out option))
                        {
                            detached |= option is "-f" or "--fork" || (option.Length > 1 && option[1] != '-' && option.IndexOf('f') > 0);
                            i++;
                        }

                        continue;
                    case "timeout":
                        i++;
                        while (Option(i, out option))
                        {
                            i += option is "-s" or "-k" ? 2 : 1;
                        }

                        i++; // the duration
                        underTimeout = true;
                        continue;
                    case "nice" or "ionice":
                        i++;
                        while (Option(i, out option))
                        {
                            i += option is "-n" or "-c" or "-p" ? 2 : 1;
                        }

                        continue;
                    case "stdbuf":
                        i++;
                        while (Option(i, out option))
                        {
                            i += option.Length == 2 ? 2 : 1;
                        }

                        continue;
                    case "sudo":
                        i++;
                        while (Option(i, out option))
                        {
                            i += option is "-u" or "-g" or "-C" or "-D" or "-h" or "-p" or "-r" or "-t" or "-U" ? 2 : 1;
                        }

                        continue;
                    default:
                        return i;
                }
            }

            return -1;
        }

        // ----- Names -----

        public static bool IsPython(string? word) => word is not null && PythonName.IsMatch(KnownShell.BaseName(word));

        /// <summary>True for a URL of Ray's health endpoints.</summary>
        public static bool IsHealthUrl(string? text) =>
            text is not null && HealthPaths.Any(p => text.IndexOf(p, StringComparison.Ordinal) >= 0);

        public static bool IsLocalAddress(string? text) =>
            text is not null && (text.IndexOf("127.0.0.1", StringComparison.Ordinal) >= 0 || text.IndexOf("localhost", StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>A binary of the image rather than a script: no extension, in a <c>bin</c>/<c>sbin</c> directory.</summary>
        public static bool IsProgram(string path)
        {
            int slash = path.LastIndexOf('/');
            string dir = path.Substring(0, Math.Max(slash, 0));
            string file = path.Substring(slash + 1);
            return file.IndexOf('.') < 0 && (dir.EndsWith("/bin", StringComparison.Ordinal) || dir.EndsWith("/sbin", StringComparison.Ordinal) || dir is "/bin" or "/sbin");
        }

        // ----- Ray-dependent commands and readiness checks (§0.7) -----

        /// <summary>
        /// Classifies a command whose name is <c>argv[start]</c> (wrappers removed). <paramref name="context"/> are extra
        /// words such as assignments. <paramref name="shapes"/>, when given, are the same words with expansions kept as
        /// written (<see cref="ShellWordText.Shape"/>), so that <c>curl http://$RAY_IP:8265/api/gcs_healthz</c> is still
        /// a health probe.
        /// </summary>
        public static RayCommandInfo Classify(IReadOnlyList<string?> argv, int start, IEnumerable<string?>? context = null, IReadOnlyList<string?>? shapes = null)
        {
            if (start < 0 || start >= argv.Count || argv[start] is not { } name)
            {
                return RayCommandInfo.None;
            }

            IReadOnlyList<string?> words = shapes ?? argv;
            bool local = words.Skip(start + 1).Concat(context ?? Enumerable.Empty<string?>()).Any(IsLocalAddress);
            switch (KnownShell.BaseName(name))
            {
                case "ray":
                {
                    (string? sub, int subIndex) = Operand(argv, start + 1);
                    if (sub is null)
                    {
                        return RayCommandInfo.None;
                    }

                    if (ClusterSubcommands.Contains(sub))
                    {
                        bool check = sub is "status" or "health-check";
                        return new RayCommandInfo(RayDependence.ClusterClient, "ray " + sub, subIndex - start + 1, local, check);
                    }

                    if (sub == "job")
                    {
                        (string? verb, int verbIndex) = Operand(argv, subIndex + 1);
                        return verb is not null && JobSubcommands.Contains(verb)
                            ? new RayCommandInfo(RayDependence.ClusterClient, "ray job " + verb, verbIndex - start + 1, local, false)
                            : RayCommandInfo.None;
                    }

                    return RayCommandInfo.None;
                }

                case "serve":
                {
                    (string? sub, int subIndex) = Operand(argv, start + 1);
                    if (sub is null)
                    {
                        return RayCommandInfo.None;
                    }

                    if (ServeDriverSubcommands.Contains(sub))
                    {
                        return new RayCommandInfo(RayDependence.LocalNode, "serve " + sub, subIndex - start + 1, local, false);
                    }

                    if (ServeClientSubcommands.Contains(sub))
                    {
                        // Without --address/-a these talk to http://localhost:8265, the local dashboard.
                        string? address = OptionValue(argv, subIndex + 1, "--address", "-a");
                        RayDependence dependence = address is null || IsLocalAddress(address) ? RayDependence.LocalNode : RayDependence.ClusterClient;
                        return new RayCommandInfo(dependence, "serve " + sub, subIndex - start + 1, address is null || IsLocalAddress(address), false);
                    }

                    return RayCommandInfo.None;
                }

                case "curl":
                case "wget":
                    return words.Skip(start + 1).Any(IsHealthUrl)
                        ? new RayCommandInfo(RayDependence.None, KnownShell.BaseName(name), 1, local, true)
                        : RayCommandInfo.None;
                case "nc":
                case "ncat":
                case "netcat":
                    return words.Skip(start + 1).Any(a => a is not null && a.Length > 1 && a[0] == '-' && a[1] != '-' && a.IndexOf('z') > 0)
                        ? new RayCommandInfo(RayDependence.None, KnownShell.BaseName(name) + " -z", 1, local, true)
                        : RayCommandInfo.None;
                default:
                    return RayCommandInfo.None;
            }
        }


        /// <summary>
        /// Where a check or cluster client at <c>shapes[start]</c> (see <see cref="Classify"/>) sends its request:
        /// <c>--address</c> (or a <c>RAY_ADDRESS=…</c> in <paramref name="context"/>) for <c>ray</c> and <c>serve</c>, the
        /// health URL for <c>curl</c>/<c>wget</c>, the host operand for <c>nc -z</c>. A word only known at run time
        /// (<c>$FQ_RAY_IP:6379</c>) is not local.
        /// </summary>
        public static CheckTarget TargetOf(IReadOnlyList<string?> shapes, int start, IEnumerable<string?>? context = null)
        {
            if (start < 0 || start >= shapes.Count || shapes[start] is not { } name)
            {
                return CheckTarget.Unknown;
            }

            static CheckTarget Place(string address) => IsLocalAddress(address) ? CheckTarget.Local : CheckTarget.Remote;
            switch (KnownShell.BaseName(name))
            {
                case "ray":
                {
                    string? address = OptionValue(shapes, start + 1, "--address", "--address")
                        ?? context?.FirstOrDefault(w => w is not null && w.StartsWith("RAY_ADDRESS=", StringComparison.Ordinal))?.Substring("RAY_ADDRESS=".Length);
                    return address is null ? CheckTarget.RayAddress : Place(address);
                }

                case "serve":
                    // Without --address the serve CLI talks to http://localhost:8265.
                    return OptionValue(shapes, start + 1, "--address", "-a") is { } serveAddress ? Place(serveAddress) : CheckTarget.Local;
                case "curl":
                case "wget":
                    return shapes.Skip(start + 1).FirstOrDefault(IsHealthUrl) is { } url ? Place(url) : CheckTarget.Unknown;
                case "nc":
                case "ncat":
                case "netcat":
                    return shapes.Skip(start + 1).Any(w => w is not null && !w.StartsWith("-", StringComparison.Ordinal) && IsLocalAddress(w))
                        ? CheckTarget.Local
                        : CheckTarget.Remote;
                default:
                    return CheckTarget.Unknown;
            }
        }

        // ----- ray start and KUBERAY_GEN_RAY_START_CMD -----

        /// <summary>The index of the <c>start</c> word when <c>argv[start]</c> is <c>ray start …</c> (command word <c>ray</c>, operand <c>start</c>; the words before it literal).</summary>
        public static int? RayStartIndex(IReadOnlyList<string?> argv, int start)
        {
            if (start < 0 || start >= argv.Count || argv[start] is not { } name || KnownShell.BaseName(name.Trim()) != "ray")
            {
                return null;
            }

            (string? operand, int index) = Operand(argv, start + 1);
            return operand == "start" ? index : null;
        }

        /// <summary>
        /// Whether the <c>ray start</c> words from <paramref name="from"/> on hold <c>--block</c>: true when one does, false
        /// when none does and all are literal, null when a word with expansions (or <c>--block=false</c>, which Ray rejects)
        /// leaves it open.
        /// </summary>
        public static bool? StartBlocks(IReadOnlyList<string?> argv, int from)
        {
            bool? blocks = false;
            foreach (string? word in argv.Skip(from))
            {
                if (word == "--block" || (word is not null && word.StartsWith("--block=", StringComparison.Ordinal) && !word.EndsWith("=false", StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }

                if (word is null || word.StartsWith("--block=", StringComparison.Ordinal))
                {
                    blocks = null;
                }
            }

            return blocks;
        }

        /// <summary><c>ray start</c> at <c>argv[start]</c>, and whether it surely blocks (<c>--block</c>).</summary>
        public static bool IsRayStart(IReadOnlyList<string?> argv, int start, out bool blocking)
        {
            int? index = RayStartIndex(argv, start);
            blocking = index is { } i && StartBlocks(argv, i + 1) == true;
            return index is not null;
        }

        /// <summary>The index of the <c>start</c> word when the command is <c>ray start …</c>.</summary>
        public static int? RayStartIndex(ProgramCommand command) => RayStartIndex(command.Literals(), 0);

        /// <summary>True for a real <c>ray start</c> invocation.</summary>
        public static bool IsRayStart(ProgramCommand command) => RayStartIndex(command) is not null;

        /// <summary>True when the <c>ray start</c> has <c>--block</c>, or an argument with expansions that might hold it.</summary>
        public static bool MayBlock(ProgramCommand command) => StartBlocks(command.Literals(), 1) != false;

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

        // ----- Other commands groups A and B ask about -----

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
                        if (arg is null || SleepSeconds(arg) is not { } seconds)
                        {
                            return null;
                        }

                        total += seconds;
                    }

                    return args.Length > 0 && total >= 86400 ? "'sleep " + string.Join(" ", args) + "' does not return" : null;
                case "tail" when args.Any(a => a is "-f" or "-F" or "--follow" || (a is not null && a.StartsWith("--follow=", StringComparison.Ordinal))
                                               || (a is not null && a.Length > 1 && a[0] == '-' && a[1] != '-' && (a.IndexOf('f') > 0 || a.IndexOf('F') > 0))):
                    return "'tail -f' follows the file forever";
                case not null when IsPython(name) && Array.IndexOf(args, "-m") is int m and >= 0 && m + 1 < args.Length && args[m + 1] == "http.server":
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

        /// <summary>
        /// True for commands known to return by themselves (builtins, file and package tools, short sleeps, <c>ray</c> other
        /// than <c>start --block</c>), and for a command that runs a resolved script: what that script runs is judged
        /// command by command.
        /// </summary>
        public static bool ReturnsQuickly(ProgramCommand command)
        {
            if (command.Words.Count == 0 || command.RunsResolvedScript)
            {
                return true; // assignments and redirections only, or a script walked in its place
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
        /// True when the command runs a script or program whose content RayGen does not see: a path (<c>/x/run.sh</c>,
        /// <c>./start</c>), a file sourced or given to a known shell or Python, or a command word with expansions. A
        /// ConfigMap script that was resolved and walked (<see cref="ProgramCommand.RunsResolvedScript"/>) is seen; the
        /// rest are unresolved (RAY0074).
        /// </summary>
        public static bool RunsUnseenScript(ProgramCommand command)
        {
            if (command.Words.Count == 0 || command.RunsResolvedScript)
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

            string?[] argv = command.Literals();
            if (KnownShell.Find(argv) is { ScriptFileIndex: not null })
            {
                return true;
            }

            return IsPython(name) && TryGetPythonOperand(argv, 0, out int operand, out bool isCode) && !isCode && operand >= 0;
        }

        // ----- Script files (rules.md group F "Script resolution") -----

        /// <summary>
        /// The script file that the command <c>argv[i]</c> (wrappers removed) runs, if any: a known shell's file operand,
        /// the file of <c>source</c>/<c>.</c>, Python's script path, or the command word itself when it is a path that is
        /// not a binary of the image (§0.7 "run directly"). <paramref name="interpreter"/> is the shell's name,
        /// <c>source</c>, <c>.</c> or <c>python</c>; null when the path is run directly.
        /// </summary>
        public static bool TryGetScriptOperand(IReadOnlyList<string?> argv, int i, out int operand, out string? interpreter)
        {
            operand = -1;
            interpreter = null;
            if (i < 0 || i >= argv.Count || argv[i] is not { } name)
            {
                return false;
            }

            string baseName = KnownShell.BaseName(name);
            if (KnownShell.IsShellName(name))
            {
                if (KnownShell.Find(argv, i) is { ScriptFileIndex: { } file })
                {
                    operand = file;
                    interpreter = baseName;
                }
            }
            else if (baseName is "source" or ".")
            {
                if (i + 1 < argv.Count)
                {
                    operand = i + 1;
                    interpreter = baseName;
                }
            }
            else if (IsPython(name))
            {
                if (TryGetPythonOperand(argv, i, out int path, out bool isCode) && !isCode && path >= 0)
                {
                    operand = path;
                    interpreter = "python";
                }
            }
            else if (name.IndexOf('/') >= 0 && !IsProgram(name))
            {
                operand = i;
            }

            return operand >= 0;
        }

        /// <summary>For python at <c>argv[start]</c>: <c>-c</c> code (<paramref name="isCode"/>), a script path, <c>-m</c> (false), or stdin (<paramref name="operand"/> = -1).</summary>
        public static bool TryGetPythonOperand(IReadOnlyList<string?> argv, int start, out int operand, out bool isCode)
        {
            operand = -1;
            isCode = false;
            for (int i = start + 1; i < argv.Count; i++)
            {
                string? word = argv[i];
                if (word is null)
                {
                    return false;
                }

                if (word == "-c")
                {
                    isCode = true;
                    operand = i + 1 < argv.Count ? i + 1 : -1;
                    return operand >= 0;
                }

                if (word.StartsWith("-c", StringComparison.Ordinal) && word.Length > 2)
                {
                    return false; // -c'code' glued: rare, not followed
                }

                if (word == "-m")
                {
                    return false;
                }

                if (word == "-")
                {
                    return true; // stdin
                }

                if (word.StartsWith("-", StringComparison.Ordinal))
                {
                    if (word is "-W" or "-X")
                    {
                        i++;
                    }

                    continue;
                }

                operand = i;
                return true;
            }

            return true; // no operand: reads stdin
        }

        /// <summary>The first word at or after <paramref name="from"/> that is not an option (the value of <c>--opt value</c> pairs is not skipped: Ray's global options are rare); null at a word that is not literal.</summary>
        private static (string? Value, int Index) Operand(IReadOnlyList<string?> argv, int from)
        {
            for (int i = from; i < argv.Count; i++)
            {
                if (argv[i] is not { } word)
                {
                    return (null, i);
                }

                if (!word.StartsWith("-", StringComparison.Ordinal))
                {
                    return (word, i);
                }
            }

            return (null, -1);
        }

        private static string? OptionValue(IReadOnlyList<string?> argv, int from, string longName, string shortName)
        {
            for (int i = from; i < argv.Count; i++)
            {
                string? word = argv[i];
                if (word is null)
                {
                    continue;
                }

                if (word == longName || word == shortName)
                {
                    return i + 1 < argv.Count ? argv[i + 1] ?? "$" : string.Empty;
                }

                if (word.StartsWith(longName + "=", StringComparison.Ordinal))
                {
                    return word.Substring(longName.Length + 1);
                }
            }

            return null;
        }

        private static bool IsAssignment(string word)
        {
            int eq = word.IndexOf('=');
            return eq > 0 && word.Substring(0, eq).All(c => char.IsLetterOrDigit(c) || c == '_');
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RayGen.Shell;

namespace RayGen.Analysis
{
    /// <summary>How a command depends on a running Ray node or cluster (rules.md §0.7 "Ray-dependent command").</summary>
    internal enum RayDependence
    {
        None,

        /// <summary>Reaches the cluster through <c>RAY_ADDRESS</c>/<c>--address</c>: <c>ray status</c>, <c>ray job submit</c>, …</summary>
        ClusterClient,

        /// <summary>Needs the local node: Python calling <c>ray.init(</c>/<c>serve.run(</c>/<c>JobSubmissionClient(</c>, the <c>serve</c> CLI.</summary>
        LocalNode,
    }

    /// <summary>Where readiness checks send their request (RAY0064: does a wait target the head?).</summary>
    [Flags]
    internal enum CheckTarget
    {
        None = 0,

        /// <summary><c>127.0.0.1</c> or <c>localhost</c>: the container's own node.</summary>
        Local = 1,

        /// <summary>An explicit address that is not local: <c>--address $FQ_RAY_IP:6379</c>, <c>http://head-svc:8265/…</c>, <c>nc -z head-svc 6379</c>.</summary>
        Remote = 2,

        /// <summary>A Ray cluster client without <c>--address</c>: it goes wherever <c>RAY_ADDRESS</c> points.</summary>
        RayAddress = 4,

        /// <summary>A check RayGen cannot place (Python code).</summary>
        Unknown = 8,
    }

    /// <summary>What one command (an argv, wrappers already removed) means for Ray readiness.</summary>
    internal sealed class RayCommandInfo
    {
        public static readonly RayCommandInfo None = new(RayDependence.None, string.Empty, 0, false, false);

        public RayCommandInfo(RayDependence dependence, string display, int wordCount, bool localAddress, bool isReadinessCheck)
        {
            Dependence = dependence;
            Display = display;
            WordCount = wordCount;
            LocalAddress = localAddress;
            IsReadinessCheck = isReadinessCheck;
        }

        public RayDependence Dependence { get; }

        /// <summary>The command as users know it (<c>ray job submit</c>, <c>serve deploy</c>).</summary>
        public string Display { get; }

        /// <summary>How many argv words <see cref="Display"/> covers (for the location).</summary>
        public int WordCount { get; }

        /// <summary>The command names a local address (<c>127.0.0.1</c>, <c>localhost</c>).</summary>
        public bool LocalAddress { get; }

        /// <summary><c>ray health-check</c>, <c>ray status</c>, or an HTTP/TCP health probe (§0.7 "readiness check").</summary>
        public bool IsReadinessCheck { get; }

        /// <summary>
        /// Whether the command counts as Ray-dependent on this node (§0.7): everything on the head; on a worker the
        /// local-node users, and the cluster clients only without init-container injection or with a local address.
        /// </summary>
        public bool Counts(bool isHead, bool initContainerInjection) =>
            Dependence == RayDependence.LocalNode
            || (Dependence == RayDependence.ClusterClient && (isHead || !initContainerInjection || LocalAddress));
    }

    /// <summary>
    /// The classifier behind groups A, B and F: Ray-dependent commands, readiness checks, known shells,
    /// interpreters and command wrappers, all decided on argv words (the shell parser builds the argv; nothing
    /// here looks at raw shell text). Python source is searched textually by <see cref="PythonScanner"/>.
    /// </summary>
    internal static class RayDependentCommands
    {
        /// <summary>Known shells (rules.md §0.3).</summary>
        public static readonly IReadOnlyList<string> KnownShells = new[] { "sh", "bash", "dash", "ash", "zsh", "ksh" };

        private static readonly Regex PythonName = new(@"^python[0-9.]*$", RegexOptions.CultureInvariant);

        private static readonly HashSet<string> ClusterSubcommands = new(StringComparer.Ordinal)
        {
            "status", "list", "summary", "get", "logs", "memory", "timeline", "health-check",
        };

        private static readonly HashSet<string> JobSubcommands = new(StringComparer.Ordinal) { "submit", "status", "logs", "list", "stop" };

        private static readonly HashSet<string> ServeDriverSubcommands = new(StringComparer.Ordinal) { "start", "run" };

        private static readonly HashSet<string> ServeClientSubcommands = new(StringComparer.Ordinal) { "deploy", "status", "config", "shutdown" };

        private static readonly string[] HealthPaths = { "/api/gcs_healthz", "/api/local_raylet_healthz", "/api/healthz" };

        /// <summary>The last path segment (<c>/usr/bin/env</c> → <c>env</c>).</summary>
        public static string BaseName(string path)
        {
            int slash = path.LastIndexOf('/');
            return slash >= 0 ? path.Substring(slash + 1) : path;
        }

        public static bool IsKnownShell(string? word) => word is not null && KnownShells.Contains(BaseName(word));

        public static bool IsPython(string? word) => word is not null && PythonName.IsMatch(BaseName(word));

        /// <summary><c>sh</c>, <c>dash</c> and <c>ash</c> are parsed in POSIX mode; the others as bash.</summary>
        public static ShellDialect DialectOf(string shell) => BaseName(shell) is "sh" or "dash" or "ash" ? ShellDialect.Posix : ShellDialect.Bash;

        /// <summary>True for a URL of Ray's health endpoints.</summary>
        public static bool IsHealthUrl(string? text) =>
            text is not null && HealthPaths.Any(p => text.IndexOf(p, StringComparison.Ordinal) >= 0);

        public static bool IsLocalAddress(string? text) =>
            text is not null && (text.IndexOf("127.0.0.1", StringComparison.Ordinal) >= 0 || text.IndexOf("localhost", StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>
        /// Skips command wrappers (<c>timeout N</c>, <c>nohup</c>, <c>exec</c>, <c>env</c>, <c>setsid</c>, <c>nice</c>,
        /// <c>sudo</c>, <c>command</c>, <c>stdbuf</c>) and returns the index of the real command, or -1 when none
        /// is left or a wrapper's operand is not literal.
        /// </summary>
        public static int SkipWrappers(IReadOnlyList<string?> argv, int start, out bool underTimeout, out bool detached)
        {
            underTimeout = false;
            detached = false;
            int i = start;
            while (i < argv.Count)
            {
                string? word = argv[i];
                if (word is null)
                {
                    return i;
                }

                switch (BaseName(word))
                {
                    case "nohup":
                    case "exec":
                    case "command":
                    case "builtin":
                        i++;
                        while (i < argv.Count && argv[i] is { } o && o.StartsWith("-", StringComparison.Ordinal) && BaseName(word) != "nohup")
                        {
                            i++;
                        }

                        continue;
                    case "env":
                        i++;
                        while (i < argv.Count && argv[i] is { } e && (e.StartsWith("-", StringComparison.Ordinal) || IsAssignment(e)))
                        {
                            i += e is "-u" or "-C" or "--unset" or "--chdir" ? 2 : 1;
                        }

                        continue;
                    case "setsid":
                        i++;
                        while (i < argv.Count && argv[i] is { } s && s.StartsWith("-", StringComparison.Ordinal))
                        {
                            if (s is "-f" or "--fork" || (s.Length > 1 && s[1] != '-' && s.IndexOf('f') > 0))
                            {
                                detached = true;
                            }

                            i++;
                        }

                        continue;
                    case "timeout":
                        i++;
                        while (i < argv.Count && argv[i] is { } t && t.StartsWith("-", StringComparison.Ordinal))
                        {
                            i += t is "-s" or "-k" ? 2 : 1;
                        }

                        i++; // the duration
                        underTimeout = true;
                        continue;
                    case "nice":
                    case "ionice":
                        i++;
                        while (i < argv.Count && argv[i] is { } n && n.StartsWith("-", StringComparison.Ordinal))
                        {
                            i += n is "-n" or "-c" or "-p" ? 2 : 1;
                        }

                        continue;
                    case "stdbuf":
                        i++;
                        while (i < argv.Count && argv[i] is { } b && b.StartsWith("-", StringComparison.Ordinal))
                        {
                            i += b.Length == 2 ? 2 : 1;
                        }

                        continue;
                    case "sudo":
                        i++;
                        while (i < argv.Count && argv[i] is { } u && u.StartsWith("-", StringComparison.Ordinal))
                        {
                            i += u is "-u" or "-g" or "-C" or "-D" or "-h" or "-p" or "-r" or "-t" or "-U" ? 2 : 1;
                        }

                        continue;
                    default:
                        return i;
                }
            }

            return -1;
        }

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
            switch (BaseName(name))
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
                        ? new RayCommandInfo(RayDependence.None, BaseName(name), 1, local, true)
                        : RayCommandInfo.None;
                case "nc":
                case "ncat":
                case "netcat":
                    return words.Skip(start + 1).Any(a => a is not null && a.Length > 1 && a[0] == '-' && a[1] != '-' && a.IndexOf('z') > 0)
                        ? new RayCommandInfo(RayDependence.None, BaseName(name) + " -z", 1, local, true)
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
            switch (BaseName(name))
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

        /// <summary>
        /// <c>ray start</c> at <c>argv[start]</c>: whether it blocks (<c>--block</c>). Only a literal
        /// <c>ray</c> <c>start</c> pair counts.
        /// </summary>
        public static bool IsRayStart(IReadOnlyList<string?> argv, int start, out bool blocking)
        {
            blocking = false;
            if (start < 0 || start + 1 >= argv.Count || argv[start] is not { } name || BaseName(name) != "ray" || Operand(argv, start + 1).Value != "start")
            {
                return false;
            }

            blocking = argv.Skip(start + 2).Any(a => a is "--block" || (a is not null && a.StartsWith("--block=", StringComparison.Ordinal) && !a.EndsWith("=false", StringComparison.OrdinalIgnoreCase)));
            return true;
        }

        /// <summary>For a known shell at <c>argv[start]</c>: the index of its <c>-c</c> script argument, or of its script file operand.</summary>
        public static bool TryGetShellOperand(IReadOnlyList<string?> argv, int start, out int operand, out bool isInlineScript)
        {
            operand = -1;
            isInlineScript = false;
            bool hasC = false;
            for (int i = start + 1; i < argv.Count; i++)
            {
                string? word = argv[i];
                if (word is null)
                {
                    return false;
                }

                if (word == "--")
                {
                    operand = i + 1 < argv.Count ? i + 1 : -1;
                    break;
                }

                if (word.Length > 1 && (word[0] == '-' || word[0] == '+') && word[1] != '-')
                {
                    if (word[0] == '-' && word.IndexOf('c') > 0)
                    {
                        hasC = true;
                    }

                    if (word is "-o" or "+o" or "-O" or "+O")
                    {
                        i++;
                    }

                    continue;
                }

                if (word.StartsWith("--", StringComparison.Ordinal))
                {
                    continue; // --login, --norc …
                }

                operand = i;
                break;
            }

            isInlineScript = hasC;
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

        /// <summary>The first word at or after <paramref name="from"/> that is not an option (and the value of <c>--opt value</c> pairs is not skipped: Ray's global options are rare).</summary>
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

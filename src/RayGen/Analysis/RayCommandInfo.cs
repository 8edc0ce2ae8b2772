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
    [System.Flags]
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
}

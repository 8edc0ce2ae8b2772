using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace RayGen
{
    /// <summary>
    /// A Ray cluster found in a manifest (a RayCluster, or the cluster a RayJob, RayService or RayCronJob
    /// creates), with its groups as KubeRay would build them for <see cref="KubeRayVersion"/>.
    /// </summary>
    public sealed class RayClusterInfo
    {
        private readonly RayGroupInfo[] _workerGroups;

        /// <summary>Used by generated code.</summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public RayClusterInfo(
            string kind,
            string name,
            bool nameIsPrefix,
            string? @namespace,
            string sourcePath,
            int documentIndex,
            string kubeRayVersion,
            bool legacyHeadServiceNaming,
            RayGroupInfo head,
            RayGroupInfo[] workerGroups)
        {
            Kind = kind ?? throw new ArgumentNullException(nameof(kind));
            Name = name ?? throw new ArgumentNullException(nameof(name));
            NameIsPrefix = nameIsPrefix;
            Namespace = @namespace;
            SourcePath = sourcePath ?? throw new ArgumentNullException(nameof(sourcePath));
            DocumentIndex = documentIndex;
            KubeRayVersion = kubeRayVersion ?? throw new ArgumentNullException(nameof(kubeRayVersion));
            LegacyHeadServiceNaming = legacyHeadServiceNaming;
            Head = head ?? throw new ArgumentNullException(nameof(head));
            _workerGroups = workerGroups ?? throw new ArgumentNullException(nameof(workerGroups));
            head.Attach(this);
            foreach (RayGroupInfo worker in _workerGroups)
            {
                worker.Attach(this);
            }
        }

        /// <summary><c>RayCluster</c>, <c>RayJob</c>, <c>RayService</c> or <c>RayCronJob</c>.</summary>
        public string Kind { get; }

        /// <summary><c>metadata.name</c> of the manifest (its <c>metadata.generateName</c> when it has no name).</summary>
        public string Name { get; }

        /// <summary>
        /// <c>true</c> when the manifest has only <c>metadata.generateName</c>: <see cref="Name"/> is the prefix
        /// to which the API server appends a random suffix.
        /// </summary>
        public bool NameIsPrefix { get; }

        /// <summary><c>metadata.namespace</c> of the manifest; <c>null</c> when absent.</summary>
        public string? Namespace { get; }

        /// <summary>Path of the YAML file relative to the project directory, with '/' separators.</summary>
        public string SourcePath { get; }

        /// <summary>Zero-based index of the YAML document inside <see cref="SourcePath"/>.</summary>
        public int DocumentIndex { get; }

        /// <summary>The KubeRay version profile used, e.g. <c>1.7.0</c>.</summary>
        public string KubeRayVersion { get; }

        /// <summary>The head group.</summary>
        public RayGroupInfo Head { get; }

        /// <summary>The worker groups, in manifest order.</summary>
        public IReadOnlyList<RayGroupInfo> WorkerGroups => _workerGroups;

        /// <summary>
        /// The RayCluster name KubeRay will use, when the manifest decides it: <see cref="Name"/> for a RayCluster with a fixed name;
        /// <c>null</c> for RayJob, RayService and RayCronJob, whose cluster name KubeRay
        /// generates with a random suffix.
        /// </summary>
        public string? ClusterName => Kind == "RayCluster" && !NameIsPrefix ? Name : null;

        internal bool LegacyHeadServiceNaming { get; }
    }
}

using System;
using System.Collections.Generic;
using System.ComponentModel;
using RayGen.Internal;

namespace RayGen
{
    /// <summary>
    /// One head or worker group: the Ray container's command and args exactly as the KubeRay operator
    /// writes them into the pod.
    /// </summary>
    public sealed class RayGroupInfo
    {
        private readonly string[] _command;
        private readonly RayTemplate[] _args;
        private readonly RayTemplate _rayStartCommand;
        private readonly Dictionary<string, string> _rayStartParams;
        private RayClusterInfo? _cluster;

        /// <summary>Used by generated code. <paramref name="rayStartParams"/> holds key, value, key, value, ...</summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public RayGroupInfo(
            string groupName,
            RayNodeType nodeType,
            string containerName,
            string? image,
            bool isCommandGenerated,
            string[] command,
            string[] rayStartParams,
            RayTemplate[] args,
            RayTemplate rayStartCommand)
        {
            GroupName = groupName ?? throw new ArgumentNullException(nameof(groupName));
            NodeType = nodeType;
            ContainerName = containerName ?? throw new ArgumentNullException(nameof(containerName));
            Image = image;
            IsCommandGenerated = isCommandGenerated;
            _command = command ?? throw new ArgumentNullException(nameof(command));
            _args = args ?? throw new ArgumentNullException(nameof(args));
            _rayStartCommand = rayStartCommand ?? throw new ArgumentNullException(nameof(rayStartCommand));
            if (rayStartParams is null || rayStartParams.Length % 2 != 0)
            {
                throw new ArgumentException("Expected key/value pairs.", nameof(rayStartParams));
            }

            _rayStartParams = new Dictionary<string, string>(rayStartParams.Length / 2, StringComparer.Ordinal);
            for (int i = 0; i < rayStartParams.Length; i += 2)
            {
                _rayStartParams[rayStartParams[i]] = rayStartParams[i + 1];
            }
        }

        /// <summary><c>headgroup</c> for the head, the <c>groupName</c> of a worker group.</summary>
        public string GroupName { get; }

        /// <summary>Head or worker.</summary>
        public RayNodeType NodeType { get; }

        /// <summary>Name of the Ray container.</summary>
        public string ContainerName { get; }

        /// <summary>Image of the Ray container; <c>null</c> when the manifest sets none.</summary>
        public string? Image { get; }

        /// <summary>
        /// <c>true</c> when KubeRay replaces the container's command and args with its generated
        /// <c>ray start</c> line; <c>false</c> when it keeps them as written (the user's command contains
        /// <c>ray start</c>, or <c>ray.io/overwrite-container-cmd</c> is set).
        /// </summary>
        public bool IsCommandGenerated { get; }

        /// <summary>The Ray container's final <c>command</c>.</summary>
        public IReadOnlyList<string> Command => _command;

        /// <summary>
        /// The effective <c>rayStartParams</c> after KubeRay's defaults and resource derivation. A worker
        /// <c>address</c> that depends on values only known at deploy time is left out.
        /// </summary>
        public IReadOnlyDictionary<string, string> RayStartParams => _rayStartParams;

        /// <summary>The cluster this group belongs to.</summary>
        public RayClusterInfo Cluster => _cluster ?? throw new InvalidOperationException("The group is not part of a cluster.");

        /// <summary>
        /// The Ray container's final <c>args</c>.
        /// </summary>
        /// <param name="clusterName">The RayCluster name; <c>null</c> means the manifest's own.</param>
        /// <param name="namespace">The namespace; <c>null</c> means the manifest's <c>metadata.namespace</c>.</param>
        /// <exception cref="ArgumentException">An argument is not a DNS-1123 label.</exception>
        /// <exception cref="InvalidOperationException">A value the text needs is unknown.</exception>
        public IReadOnlyList<string> GetArgs(string? clusterName = null, string? @namespace = null)
        {
            var result = new string[_args.Length];
            for (int i = 0; i < _args.Length; i++)
            {
                result[i] = Render(_args[i], clusterName, @namespace);
            }

            return result;
        }

        /// <summary>
        /// The generated <c>ray start ...</c> line (without the ulimit prefix), i.e. the value of the
        /// <c>KUBERAY_GEN_RAY_START_CMD</c> environment variable.
        /// </summary>
        /// <param name="clusterName">The RayCluster name; <c>null</c> means the manifest's own.</param>
        /// <param name="namespace">The namespace; <c>null</c> means the manifest's <c>metadata.namespace</c>.</param>
        /// <exception cref="ArgumentException">An argument is not a DNS-1123 label.</exception>
        /// <exception cref="InvalidOperationException">A value the text needs is unknown.</exception>
        public string GetRayStartCommand(string? clusterName = null, string? @namespace = null) =>
            Render(_rayStartCommand, clusterName, @namespace);

        internal void Attach(RayClusterInfo cluster)
        {
            if (_cluster != null && !ReferenceEquals(_cluster, cluster))
            {
                throw new InvalidOperationException("The group already belongs to another cluster.");
            }

            _cluster = cluster;
        }

        private string Render(RayTemplate template, string? clusterName, string? @namespace)
        {
            Validate(clusterName, nameof(clusterName));
            Validate(@namespace, nameof(@namespace));
            RayClusterInfo cluster = Cluster;
            string? headService = null;
            if (template.UsesHeadServiceName)
            {
                string name = clusterName ?? cluster.ClusterName ?? throw new InvalidOperationException(
                    $"The RayCluster name of {cluster.Kind} '{cluster.Name}' is generated by KubeRay at deploy time, " +
                    $"and group '{GroupName}' needs it for the head Service address: pass clusterName.");
                headService = KubeRayNaming.HeadServiceName(name, cluster.LegacyHeadServiceNaming);
            }

            string? ns = null;
            if (template.UsesNamespace)
            {
                ns = @namespace ?? cluster.Namespace ?? throw new InvalidOperationException(
                    $"{cluster.Kind} '{cluster.Name}' has no metadata.namespace, and group '{GroupName}' needs it " +
                    "for the head Service address: pass namespace.");
            }

            return template.Render(headService, ns);
        }

        private static void Validate(string? value, string parameter)
        {
            if (value != null && !KubeRayNaming.IsDns1123Label(value))
            {
                throw new ArgumentException(
                    $"'{value}' is not a valid DNS-1123 label (lower-case letters, digits and '-', at most 63 characters).",
                    parameter);
            }
        }
    }
}

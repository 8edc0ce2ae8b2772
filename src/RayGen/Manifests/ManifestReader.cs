using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RayGen.Diagnostics;
using RayGen.Helpers;
using RayGen.Kubernetes;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Manifests
{
    /// <summary>
    /// Turns YAML documents into <see cref="ManifestModel"/>s, the span-free input of the generator.
    /// Shape problems go to an optional sink: the analyzers pass one and report them, the generator
    /// passes none and simply skips what it cannot read, so every problem is reported once.
    /// </summary>
    internal sealed class ManifestReader
    {
        private readonly List<Problem>? _problems;

        private ManifestReader(List<Problem>? problems) => _problems = problems;

        /// <summary>Reads every document of a file; documents that are not usable are left out.</summary>
        public static EquatableArray<ManifestModel> Read(YamlReadResult yaml, List<Problem>? problems = null)
        {
            var reader = new ManifestReader(problems);
            var manifests = new List<ManifestModel>();
            foreach (YamlDocument document in yaml.Documents)
            {
                if (document.Root is { } root && reader.ReadDocument(document.Index, root) is { } manifest)
                {
                    manifests.Add(manifest);
                }
            }

            return manifests.ToEquatableArray();
        }

        private ManifestModel? ReadDocument(int index, YamlNode root)
        {
            if (root.Kind != YamlNodeKind.Mapping)
            {
                return null; // not a Kubernetes object; only Ray kinds are our business
            }

            string? kind = ScalarText(root.Get("kind"));
            string? apiVersion = ScalarText(root.Get("apiVersion"));
            if (kind is null || apiVersion is null)
            {
                return null;
            }

            bool rayKind = RayKinds.IsRayKind(kind) && RayKinds.IsRayApiVersion(apiVersion);
            if (!rayKind && kind != "ConfigMap")
            {
                return new ManifestModel(index, apiVersion, kind, ScalarText(root.Get("metadata")?.Get("name")) ?? string.Empty, false, null,
                    EquatableArray<KeyValue>.Empty, null, EquatableArray<KeyValue>.Empty);
            }

            YamlNode? metadata = Mapping(root, "metadata", required: rayKind);
            string? ns = metadata is null ? null : String(metadata, "namespace", required: false);

            // kubectl create accepts generateName instead of name; the real name is only known after creation.
            string? generateName = metadata is null || metadata.Get("name") is { IsNull: false } ? null : String(metadata, "generateName", required: false);
            string? name = generateName ?? (metadata is null ? null : String(metadata, "name", required: rayKind));
            if (name is null)
            {
                return null;
            }

            EquatableArray<KeyValue> annotations = metadata is null ? EquatableArray<KeyValue>.Empty : StringMap(metadata, "annotations");
            if (!rayKind)
            {
                return new ManifestModel(index, apiVersion, kind, name, generateName is not null, ns, annotations, null, StringMap(root, "data"));
            }

            YamlNode? spec = Mapping(root, "spec", required: true);
            ClusterSpecModel? cluster = null;
            if (spec is not null)
            {
                cluster = kind switch
                {
                    RayKinds.RayCluster => ReadCluster(spec),
                    RayKinds.RayJob => ReadCluster(Mapping(spec, "rayClusterSpec", required: false)),
                    RayKinds.RayService => ReadCluster(Mapping(spec, "rayClusterConfig", required: true)),
                    _ => ReadCluster(Mapping(Mapping(spec, "jobTemplate", required: true), "rayClusterSpec", required: false)),
                };
            }

            return new ManifestModel(index, apiVersion, kind, name, generateName is not null, ns, annotations, cluster, EquatableArray<KeyValue>.Empty);
        }

        private ClusterSpecModel? ReadCluster(YamlNode? spec)
        {
            if (spec is null)
            {
                return null;
            }

            if (ClusterSpecLocator.TooManyGroups(spec) is { } groups)
            {
                Report(RuleIds.InputLimitExceeded, groups.Key, $"This cluster has {groups.Value.Items.Count} worker groups, more than the limit of {ClusterSpecLocator.MaxWorkerGroups}; it was skipped: no checks, no generated code");
                return null;
            }

            YamlNode? headSpec = Mapping(spec, "headGroupSpec", required: true);
            GroupModel? head = headSpec is null ? null : ReadGroup(headSpec, isHead: true);
            if (head is null)
            {
                return null;
            }

            var workers = new List<GroupModel>();
            foreach (YamlNode workerSpec in Sequence(spec, "workerGroupSpecs"))
            {
                if (Expect(workerSpec, YamlNodeKind.Mapping, "a worker group") && ReadGroup(workerSpec, isHead: false) is { } worker)
                {
                    workers.Add(worker);
                }
            }

            GcsFaultToleranceModel? gcs = null;
            if (Mapping(spec, "gcsFaultToleranceOptions", required: false) is { } gcsNode)
            {
                gcs = new GcsFaultToleranceModel(
                    HasRedisPassword: gcsNode.Get("redisPassword") is { IsNull: false },
                    HasRedisUsername: gcsNode.Get("redisUsername") is { IsNull: false },
                    Backend: String(gcsNode, "backend", required: false),
                    ExternalStorageNamespace: String(gcsNode, "externalStorageNamespace", required: false),
                    RedisAddress: String(gcsNode, "redisAddress", required: false),
                    RedisUsername: Tree(gcsNode.Get("redisUsername")),
                    RedisPassword: Tree(gcsNode.Get("redisPassword")));
            }

            string? headServiceName = null;
            if (Mapping(headSpec!, "headService", required: false) is { } headService
                && Mapping(headService, "metadata", required: false) is { } serviceMetadata)
            {
                headServiceName = String(serviceMetadata, "name", required: false);
            }

            YamlNode? auth = Mapping(spec, "authOptions", required: false);
            YamlNode? autoscaler = Mapping(spec, "autoscalerOptions", required: false);
            YamlNode? tls = Mapping(spec, "tlsOptions", required: false);
            YamlNode? historyServer = Mapping(spec, "historyServerOptions", required: false);
            return new ClusterSpecModel(
                RayVersion: String(spec, "rayVersion", required: false),
                EnableInTreeAutoscaling: Bool(spec, "enableInTreeAutoscaling"),
                AutoscalerVersion: autoscaler is null ? null : String(autoscaler, "version", required: false),
                AuthMode: auth is null ? null : String(auth, "mode", required: false),
                HeadServiceName: string.IsNullOrEmpty(headServiceName) ? null : headServiceName,
                GcsFaultTolerance: gcs,
                Head: head,
                Workers: workers.ToEquatableArray(),
                AutoscalerOptions: Tree(autoscaler),
                Auth: auth is null ? null : new AuthModel(String(auth, "mode", required: false), Bool(auth, "enableK8sTokenAuth"), String(auth, "secretName", required: false)),
                TlsEnabled: tls is not null && Bool(tls, "enabled"),
                HistoryCollector: historyServer is not null && Mapping(historyServer, "collectorOptions", required: false) is not null);
        }

        private GroupModel? ReadGroup(YamlNode group, bool isHead)
        {
            string groupName = "headgroup";
            if (!isHead)
            {
                string? name = String(group, "groupName", required: true);
                if (name is null)
                {
                    return null;
                }

                groupName = name;
            }

            EquatableArray<KeyValue>? rayStartParams = null;
            if (group.Get("rayStartParams") is { IsNull: false } paramsNode && Expect(paramsNode, YamlNodeKind.Mapping, "a map of strings"))
            {
                rayStartParams = ReadRayStartParams(paramsNode);
            }

            YamlNode? template = Mapping(group, "template", required: true);
            YamlNode? podSpec = template is null ? null : Mapping(template, "spec", required: true);
            if (template is null || podSpec is null)
            {
                return null;
            }

            YamlNode? templateMetadata = Mapping(template, "metadata", required: false);
            var containers = new List<ContainerModel>();
            YamlNode? containersNode = podSpec.Get("containers");
            foreach (YamlNode containerNode in Sequence(podSpec, "containers"))
            {
                if (Expect(containerNode, YamlNodeKind.Mapping, "a container") && ReadContainer(containerNode) is { } container)
                {
                    containers.Add(container);
                }
            }

            if (containers.Count == 0)
            {
                Report(RuleIds.NoContainers, containersNode ?? podSpec, groupName);
                return null;
            }

            var initContainerNames = new List<string>();
            foreach (YamlNode init in Sequence(podSpec, "initContainers"))
            {
                if (Expect(init, YamlNodeKind.Mapping, "a container"))
                {
                    initContainerNames.Add(String(init, "name", required: false) ?? string.Empty);
                }
            }

            return new GroupModel(
                groupName,
                isHead,
                rayStartParams,
                StringMap(group, "resources"),
                StringMap(group, "labels"),
                templateMetadata is null ? EquatableArray<KeyValue>.Empty : StringMap(templateMetadata, "annotations"),
                containers.ToEquatableArray(),
                initContainerNames.ToEquatableArray(),
                ValueReader.Read(template),
                group.Get("numOfHosts") is { ScalarType: YamlScalarType.Int } hosts && Yaml11.TryParseInt(hosts.Value, out long count) ? count : 1);
        }

        private EquatableArray<KeyValue> ReadRayStartParams(YamlNode node)
        {
            var values = new List<KeyValue>();
            foreach (YamlEntry entry in node.Entries)
            {
                if (!Expect(entry.Key, YamlNodeKind.Scalar, "a string key"))
                {
                    continue;
                }

                YamlNode value = entry.Value;
                if (value.Kind != YamlNodeKind.Scalar)
                {
                    Report(RuleIds.NonStringRayStartParam, value, NonStringMessage(entry.Key.Value, value, value.Kind == YamlNodeKind.Mapping ? "{...}" : "[...]"));
                    continue;
                }

                if (value.ScalarType != YamlScalarType.String)
                {
                    // The API server rejects it (the CRD says string); keep the text so the rest of the
                    // build still sees a cluster.
                    Report(RuleIds.NonStringRayStartParam, value, NonStringMessage(entry.Key.Value, value, value.Value));
                }

                values.Add(new KeyValue(entry.Key.Value, value.Value));
            }

            return Dedupe(values);
        }

        private ContainerModel? ReadContainer(YamlNode node)
        {
            var env = new List<EnvVarModel>();
            foreach (YamlNode item in Sequence(node, "env"))
            {
                if (Expect(item, YamlNodeKind.Mapping, "an env var") && String(item, "name", required: true) is { } envName)
                {
                    env.Add(new EnvVarModel(envName, String(item, "value", required: false), item.Get("valueFrom") is { IsNull: false }));
                }
            }

            var mounts = new List<string>();
            foreach (YamlNode item in Sequence(node, "volumeMounts"))
            {
                if (Expect(item, YamlNodeKind.Mapping, "a volume mount") && String(item, "mountPath", required: false) is { } path)
                {
                    mounts.Add(path);
                }
            }

            YamlNode? resources = Mapping(node, "resources", required: false);
            return new ContainerModel(
                Name: String(node, "name", required: false) ?? string.Empty,
                Image: String(node, "image", required: false),
                ImagePullPolicy: String(node, "imagePullPolicy", required: false),
                Command: StringList(node, "command"),
                Args: StringList(node, "args"),
                Env: env.ToEquatableArray(),
                Limits: resources is null ? EquatableArray<KeyValue>.Empty : QuantityMap(resources, "limits"),
                Requests: resources is null ? EquatableArray<KeyValue>.Empty : QuantityMap(resources, "requests"),
                VolumeMountPaths: mounts.ToEquatableArray());
        }

        // ---- typed access with located shape problems -------------------------------------------

        private YamlNode? Mapping(YamlNode? parent, string key, bool required)
        {
            if (parent is null)
            {
                return null;
            }

            YamlNode? node = parent.Get(key);
            if (node is null || node.IsNull)
            {
                if (required)
                {
                    Report(RuleIds.UnexpectedShape, parent.GetEntry(key)?.Key ?? parent, $"'{key}' is missing; expected a map");
                }

                return null;
            }

            return Expect(node, YamlNodeKind.Mapping, $"'{key}' to be a map") ? node : null;
        }

        private IEnumerable<YamlNode> Sequence(YamlNode parent, string key)
        {
            YamlNode? node = parent.Get(key);
            if (node is null || node.IsNull || !Expect(node, YamlNodeKind.Sequence, $"'{key}' to be a list"))
            {
                return Array.Empty<YamlNode>();
            }

            return node.Items;
        }

        private string? String(YamlNode parent, string key, bool required)
        {
            YamlNode? node = parent.Get(key);
            if (node is null || node.IsNull)
            {
                if (required)
                {
                    Report(RuleIds.UnexpectedShape, parent.GetEntry(key)?.Key ?? parent, $"'{key}' is missing; expected a string");
                }

                return null;
            }

            return Expect(node, YamlNodeKind.Scalar, $"'{key}' to be a string") ? node.Value : null;
        }

        private bool Bool(YamlNode parent, string key)
        {
            YamlNode? node = parent.Get(key);
            if (node is null || node.IsNull || !Expect(node, YamlNodeKind.Scalar, $"'{key}' to be a boolean"))
            {
                return false;
            }

            if (node.ScalarType == YamlScalarType.Bool && Yaml11.TryParseBool(node.Value, out bool value))
            {
                return value;
            }

            Report(RuleIds.UnexpectedShape, node, $"'{key}' must be a boolean (true/false), not '{node.Value}'");
            return false;
        }

        private EquatableArray<string> StringList(YamlNode parent, string key)
        {
            var values = new List<string>();
            foreach (YamlNode item in Sequence(parent, key))
            {
                if (Expect(item, YamlNodeKind.Scalar, $"the items of '{key}' to be strings"))
                {
                    if (item.ScalarType != YamlScalarType.String)
                    {
                        // Kubernetes rejects a non-string item; keep the text so the rest still generates.
                        Report(RuleIds.UnexpectedShape, item, $"the items of '{key}' must be strings, found {DescribeType(item)} '{item.Value}': quote it");
                    }

                    values.Add(item.Value);
                }
            }

            return values.ToEquatableArray();
        }

        /// <summary>A <c>map[string]string</c> field (annotations, labels, group resources, ConfigMap data).</summary>
        private EquatableArray<KeyValue> StringMap(YamlNode parent, string key)
        {
            YamlNode? node = parent.Get(key);
            if (node is null || node.IsNull || !Expect(node, YamlNodeKind.Mapping, $"'{key}' to be a map of strings"))
            {
                return EquatableArray<KeyValue>.Empty;
            }

            var values = new List<KeyValue>();
            foreach (YamlEntry entry in node.Entries)
            {
                if (Expect(entry.Key, YamlNodeKind.Scalar, "a string key") && Expect(entry.Value, YamlNodeKind.Scalar, "a string value"))
                {
                    values.Add(new KeyValue(entry.Key.Value, entry.Value.Value));
                }
            }

            return Dedupe(values);
        }

        /// <summary>
        /// Resource quantities. Kubernetes reads YAML through JSON, so a plain number reaches
        /// <c>resource.Quantity</c> as Go's JSON text of that number (<c>0777</c> → <c>511</c>, <c>1e3</c> → <c>1000</c>).
        /// </summary>
        private EquatableArray<KeyValue> QuantityMap(YamlNode parent, string key)
        {
            YamlNode? node = parent.Get(key);
            if (node is null || node.IsNull || !Expect(node, YamlNodeKind.Mapping, $"'{key}' to be a map of quantities"))
            {
                return EquatableArray<KeyValue>.Empty;
            }

            var values = new List<KeyValue>();
            foreach (YamlEntry entry in node.Entries)
            {
                if (Expect(entry.Key, YamlNodeKind.Scalar, "a resource name") && Expect(entry.Value, YamlNodeKind.Scalar, "a quantity"))
                {
                    values.Add(new KeyValue(entry.Key.Value, QuantityText(entry.Value)));
                }
            }

            return Dedupe(values);
        }

        // Quantity's JSON unmarshaling trims surrounding white space.
        private static string QuantityText(YamlNode scalar) => GoJson.YamlNumberText(scalar.ScalarType, scalar.Value) ?? scalar.Value.Trim();

        private static string NonStringMessage(string key, YamlNode value, string text) =>
            $"rayStartParams '{key}' is {DescribeType(value)} ({text}); the CRD only accepts strings, so the API server rejects the object: quote the value";

        private static ValueNode? Tree(YamlNode? node) => node is null || node.IsNull ? null : ValueReader.Read(node);

        private static string? ScalarText(YamlNode? node) =>
            node is { Kind: YamlNodeKind.Scalar, IsNull: false } ? node.Value : null;

        /// <summary>Duplicate keys are reported by the YAML reader; like Kubernetes' decoder, the last one wins.</summary>
        private static EquatableArray<KeyValue> Dedupe(List<KeyValue> values)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<KeyValue>(values.Count);
            for (int i = values.Count - 1; i >= 0; i--)
            {
                if (seen.Add(values[i].Key))
                {
                    result.Add(values[i]);
                }
            }

            result.Reverse();
            return result.ToEquatableArray();
        }

        private bool Expect(YamlNode node, YamlNodeKind kind, string what)
        {
            if (node.Kind == kind)
            {
                return true;
            }

            Report(RuleIds.UnexpectedShape, node, $"expected {what}, found {DescribeType(node)}");
            return false;
        }

        internal static string DescribeType(YamlNode node) => node.Kind switch
        {
            YamlNodeKind.Mapping => "a map",
            YamlNodeKind.Sequence => "a list",
            _ => node.ScalarType switch
            {
                YamlScalarType.Null => "null",
                YamlScalarType.Bool => "a boolean",
                YamlScalarType.Int => "an integer",
                YamlScalarType.Float => "a number",
                _ => "a string",
            },
        };

        private void Report(string ruleId, YamlNode node, params string[] args) =>
            _problems?.Add(new Problem(ruleId, node.Span, args));
    }
}

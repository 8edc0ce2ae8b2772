using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Analysis
{
    /// <summary>A ConfigMap document of some AdditionalFile.</summary>
    internal sealed class ConfigMapDoc
    {
        public ConfigMapDoc(ScriptFile file, string name, string? @namespace, YamlNode root)
        {
            File = file;
            Name = name;
            Namespace = @namespace;
            Root = root;
            Data = root.Get("data") is { Kind: YamlNodeKind.Mapping } data ? data : null;
            BinaryData = root.Get("binaryData") is { Kind: YamlNodeKind.Mapping } binary ? binary : null;
        }

        public ScriptFile File { get; }

        public string Name { get; }

        public string? Namespace { get; }

        public YamlNode Root { get; }

        public YamlNode? Data { get; }

        public YamlNode? BinaryData { get; }

        public string Display => Namespace is null ? Name : Namespace + "/" + Name;

        /// <summary>Where to point when a key is missing: the <c>data</c> key, else the document's name.</summary>
        public SourceRef DataLocation =>
            File.Ref(Root.GetEntry("data")?.Key.Span ?? Root.Get("metadata")?.Get("name")?.Span ?? Root.Span);
    }

    internal enum ConfigMapLookupKind
    {
        Found,
        NotFound,
        Ambiguous,
    }

    /// <summary>The result of a ConfigMap lookup; <see cref="Settled"/> is false when more files could change it.</summary>
    internal sealed record ConfigMapLookup(ConfigMapLookupKind Kind, ConfigMapDoc? Doc, bool Settled);

    /// <summary>
    /// ConfigMaps by (namespace, name) (rules.md §0.1). Two namespaces match when equal or when either is
    /// missing; among several matches an exact namespace match wins, then one from the same file; more than one
    /// left is ambiguous. An index of one file only is "incomplete": its answer is settled only when that file
    /// has an exact-namespace match (no other file can then win).
    /// </summary>
    internal sealed class ConfigMapIndex
    {
        private readonly Dictionary<string, List<ConfigMapDoc>> _byName;

        private ConfigMapIndex(IEnumerable<ScriptFile> files, bool complete)
        {
            IsComplete = complete;
            _byName = new Dictionary<string, List<ConfigMapDoc>>(StringComparer.Ordinal);
            foreach (ScriptFile file in files)
            {
                foreach (ConfigMapDoc doc in Read(file))
                {
                    if (!_byName.TryGetValue(doc.Name, out List<ConfigMapDoc>? list))
                    {
                        _byName[doc.Name] = list = new List<ConfigMapDoc>();
                    }

                    list.Add(doc);
                }
            }
        }

        public bool IsComplete { get; }

        public static ConfigMapIndex ForFile(ScriptFile file) => new(new[] { file }, complete: false);

        public static ConfigMapIndex ForFiles(IEnumerable<ScriptFile> files) => new(files, complete: true);

        /// <summary>Whether the file holds any ConfigMap (only those files need to be indexed).</summary>
        public static bool HasConfigMaps(ScriptFile file) => file.Manifests.Any(m => m.Kind == "ConfigMap" && m.ApiVersion == "v1");

        public ConfigMapLookup Find(string? @namespace, string name, ScriptFile home)
        {
            if (!_byName.TryGetValue(name, out List<ConfigMapDoc>? all))
            {
                return new ConfigMapLookup(ConfigMapLookupKind.NotFound, null, IsComplete);
            }

            List<ConfigMapDoc> candidates = all.Where(d => d.Namespace is null || @namespace is null || d.Namespace == @namespace).ToList();
            List<ConfigMapDoc> exact = candidates.Where(d => d.Namespace == @namespace).ToList();
            bool settled = IsComplete || exact.Any(d => ReferenceEquals(d.File, home));
            List<ConfigMapDoc> pool = exact.Count > 0 ? exact : candidates;
            List<ConfigMapDoc> sameFile = pool.Where(d => ReferenceEquals(d.File, home)).ToList();
            if (sameFile.Count > 0)
            {
                pool = sameFile;
            }

            return pool.Count switch
            {
                0 => new ConfigMapLookup(ConfigMapLookupKind.NotFound, null, settled),
                1 => new ConfigMapLookup(ConfigMapLookupKind.Found, pool[0], settled),
                _ => new ConfigMapLookup(ConfigMapLookupKind.Ambiguous, null, settled),
            };
        }

        private static IEnumerable<ConfigMapDoc> Read(ScriptFile file)
        {
            foreach (ManifestModel manifest in file.Manifests)
            {
                if (manifest.Kind != "ConfigMap" || manifest.ApiVersion != "v1" || manifest.NameIsPrefix
                    || file.Yaml.Documents.FirstOrDefault(d => d.Index == manifest.DocumentIndex)?.Root is not { Kind: YamlNodeKind.Mapping } root)
                {
                    continue;
                }

                yield return new ConfigMapDoc(file, manifest.Name, manifest.Namespace, root);
            }
        }
    }

    internal enum ScriptResolutionKind
    {
        /// <summary>The text is in a ConfigMap's <c>data</c>.</summary>
        Resolved,

        /// <summary>The file exists (a <c>binaryData</c> key) but is not read.</summary>
        Binary,

        /// <summary>The ConfigMap is available, but the file is not in the volume (RAY0073).</summary>
        Missing,

        /// <summary>Under a mount whose content RayGen cannot read (RAY0074).</summary>
        Unreadable,

        /// <summary>Under no mount: a file of the image (RAY0074).</summary>
        Image,
    }

    /// <summary>Where a script path leads.</summary>
    internal sealed class ScriptResolution
    {
        public ScriptResolution(ScriptResolutionKind kind, string path, string reason)
        {
            Kind = kind;
            Path = path;
            Reason = reason;
        }

        public ScriptResolutionKind Kind { get; }

        public string Path { get; }

        /// <summary>Why it is missing or unreadable, for messages.</summary>
        public string Reason { get; }

        public ConfigMapDoc? ConfigMap { get; init; }

        public string? Key { get; init; }

        /// <summary>The <c>data[key]</c> value node.</summary>
        public YamlNode? Value { get; init; }

        /// <summary>The effective file mode (RAY0072); 0644 when nothing sets it; null when the mode node is not an int.</summary>
        public int? Mode { get; init; } = DefaultMode;

        /// <summary>The <c>items[].mode</c> or <c>defaultMode</c> node that set <see cref="Mode"/>.</summary>
        public YamlNode? ModeNode { get; init; }

        /// <summary>The volume's <c>name</c> value node.</summary>
        public YamlNode? VolumeName { get; init; }

        /// <summary>The volume is a ConfigMap (or a projected ConfigMap source).</summary>
        public bool IsConfigMapFile => ConfigMap is not null && Kind is ScriptResolutionKind.Resolved or ScriptResolutionKind.Binary;

        public const int DefaultMode = 420; // 0644

        public static string Octal(int mode) => "0" + Convert.ToString(mode, 8);
    }

    /// <summary>The container a command runs in: its mounts, its pod's volumes, and the namespace for ConfigMap lookups.</summary>
    internal sealed class PodContext
    {
        public PodContext(ScriptFile file, YamlNode? container, YamlNode? podSpec, string? @namespace)
        {
            File = file;
            Container = container;
            PodSpec = podSpec;
            Namespace = @namespace;
        }

        public ScriptFile File { get; }

        public YamlNode? Container { get; }

        public YamlNode? PodSpec { get; }

        public string? Namespace { get; }

        /// <summary>
        /// Whether the container runs as a non-root user: <c>runAsUser</c> ≠ 0 (container, else pod), or unset with a
        /// <c>rayproject/ray*</c> image (default user <c>ray</c>). Unknown images with no <c>runAsUser</c> count as root.
        /// </summary>
        public bool RunsAsNonRoot
        {
            get
            {
                YamlNode? user = Container?.Get("securityContext")?.Get("runAsUser") ?? PodSpec?.Get("securityContext")?.Get("runAsUser");
                if (user is { Kind: YamlNodeKind.Scalar, IsNull: false } && Yaml11.TryParseInt(user.Value, out long uid))
                {
                    return uid != 0;
                }

                string image = Container?.Get("image")?.Value ?? string.Empty;
                int slash = image.LastIndexOf('/');
                string repo = image.Substring(0, Math.Max(slash, 0));
                return repo.EndsWith("rayproject", StringComparison.Ordinal) && image.Substring(slash + 1).StartsWith("ray", StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// Follows a path through the container's <c>volumeMounts</c> to a pod volume and a ConfigMap key (rules.md
    /// group F "Script resolution"). Records whether any ConfigMap lookup could still change with more files.
    /// </summary>
    internal sealed class ScriptResolver
    {
        private readonly ConfigMapIndex _index;

        public ScriptResolver(ConfigMapIndex index) => _index = index;

        /// <summary>False when a lookup's answer depends on files the index does not hold.</summary>
        public bool Settled { get; private set; } = true;

        /// <summary>Whether any ConfigMap lookup was made.</summary>
        public bool LookedUp { get; private set; }

        public ScriptResolution Resolve(string rawPath, PodContext pod)
        {
            string? path = Absolute(rawPath, pod);
            if (path is null)
            {
                return new ScriptResolution(ScriptResolutionKind.Image, rawPath, "a relative path, and the working directory comes from the image");
            }

            // The mount whose mountPath is the longest prefix (with subPath, the mount path is the file itself).
            YamlNode? mount = null;
            string rel = string.Empty;
            int best = -1;
            foreach (YamlNode m in Items(pod.Container?.Get("volumeMounts")))
            {
                string? mountPath = Scalar(m.Get("mountPath")) is { } mp ? Normalize(mp) : null;
                if (mountPath is null)
                {
                    continue;
                }

                string? subPath = Scalar(m.Get("subPath"));
                string? candidate = null;
                if (path == mountPath)
                {
                    candidate = subPath is { Length: > 0 } ? subPath.Trim('/') : null;
                }
                else if (path.StartsWith(mountPath.TrimEnd('/') + "/", StringComparison.Ordinal))
                {
                    string rest = path.Substring(mountPath.TrimEnd('/').Length + 1);
                    candidate = subPath is { Length: > 0 } ? subPath.Trim('/') + "/" + rest : rest;
                }

                if (candidate is not null && mountPath.Length > best)
                {
                    best = mountPath.Length;
                    mount = m;
                    rel = candidate;
                }
            }

            if (mount is null)
            {
                return new ScriptResolution(ScriptResolutionKind.Image, path, "it is under no volume mount, so it comes from the image");
            }

            string volumeName = Scalar(mount.Get("name")) ?? string.Empty;
            if (Scalar(mount.Get("subPathExpr")) is not null)
            {
                return new ScriptResolution(ScriptResolutionKind.Unreadable, path, $"volume '{volumeName}' is mounted with subPathExpr, which is expanded at run time");
            }

            YamlNode? volume = Items(pod.PodSpec?.Get("volumes")).FirstOrDefault(v => Scalar(v.Get("name")) == volumeName);
            if (volume is null)
            {
                return new ScriptResolution(ScriptResolutionKind.Unreadable, path, $"the pod has no volume named '{volumeName}'");
            }

            YamlNode? nameNode = volume.Get("name");
            if (volume.Get("configMap") is { Kind: YamlNodeKind.Mapping } configMap)
            {
                return FromConfigMapSource(path, rel, pod, configMap, configMap.Get("defaultMode"), nameNode, projected: false);
            }

            if (volume.Get("projected") is { Kind: YamlNodeKind.Mapping } projected)
            {
                YamlNode? defaultMode = projected.Get("defaultMode");
                bool other = false;
                ScriptResolution? missing = null;
                foreach (YamlNode source in Items(projected.Get("sources")))
                {
                    if (source.Get("configMap") is not { Kind: YamlNodeKind.Mapping } cm)
                    {
                        other = true; // a secret/downwardAPI/token source may provide the file
                        continue;
                    }

                    ScriptResolution result = FromConfigMapSource(path, rel, pod, cm, defaultMode, nameNode, projected: true);
                    if (result.Kind != ScriptResolutionKind.Missing)
                    {
                        return result;
                    }

                    missing ??= result;
                }

                return other || missing is null
                    ? new ScriptResolution(ScriptResolutionKind.Unreadable, path, $"projected volume '{volumeName}' has sources RayGen cannot read")
                    : missing;
            }

            string kind = volume.Entries.Select(e => e.Key.Value).FirstOrDefault(k => k != "name") ?? "unknown";
            return new ScriptResolution(ScriptResolutionKind.Unreadable, path, $"volume '{volumeName}' is a {kind} volume, whose content RayGen cannot read");
        }

        private ScriptResolution FromConfigMapSource(string path, string rel, PodContext pod, YamlNode source, YamlNode? defaultMode, YamlNode? volumeName, bool projected)
        {
            string name = Scalar(source.Get("name")) ?? string.Empty;
            bool optional = source.Get("optional") is { } o && Yaml11.TryParseBool(o.Value, out bool b) && b;
            YamlNode? items = source.Get("items") is { Kind: YamlNodeKind.Sequence } list ? list : null;

            LookedUp = true;
            ConfigMapLookup lookup = _index.Find(pod.Namespace, name, pod.File);
            Settled &= lookup.Settled;
            if (lookup.Kind == ConfigMapLookupKind.Ambiguous)
            {
                return new ScriptResolution(ScriptResolutionKind.Unreadable, path, $"several ConfigMaps named '{name}' match and none is preferred");
            }

            // Which key backs the file, and its mode.
            string? key;
            YamlNode? modeNode = defaultMode is { IsNull: false } ? defaultMode : null;
            if (items is not null)
            {
                YamlNode? item = items.Items.FirstOrDefault(i => Scalar(i.Get("path")) is { } p && Normalize("/" + p).TrimStart('/') == rel);
                if (item is null)
                {
                    string because = items.Items.Any(i => Scalar(i.Get("key")) == rel)
                        ? $"items[] maps key '{rel}' to another file name"
                        : $"items[] of volume '{volumeName?.Value}' does not list '{rel}'";
                    return lookup.Kind == ConfigMapLookupKind.Found
                        ? Missing(path, lookup.Doc!, because, volumeName)
                        : NotAvailable(path, name, optional, projected);
                }

                key = Scalar(item.Get("key"));
                if (item.Get("mode") is { IsNull: false } itemMode)
                {
                    modeNode = itemMode;
                }
            }
            else
            {
                key = rel.IndexOf('/') >= 0 ? null : rel;
            }

            if (lookup.Kind == ConfigMapLookupKind.NotFound)
            {
                return NotAvailable(path, name, optional, projected);
            }

            ConfigMapDoc doc = lookup.Doc!;
            // YAML 1.1 ints (0777 and 0o777 are octal, 0x1ff hex); a mode that is not an int is rejected by the API server: unknown.
            int? mode = modeNode is null ? ScriptResolution.DefaultMode
                : modeNode.ScalarType == YamlScalarType.Int && Yaml11.TryParseInt(modeNode.Value, out long m) && m >= 0 && m <= 0xFFF ? (int)m
                : null;
            if (key is not null && doc.Data?.Get(key) is { } value)
            {
                return new ScriptResolution(ScriptResolutionKind.Resolved, path, string.Empty)
                {
                    ConfigMap = doc, Key = key, Value = value, Mode = mode, ModeNode = modeNode, VolumeName = volumeName,
                };
            }

            if (key is not null && doc.BinaryData?.Get(key) is not null)
            {
                return new ScriptResolution(ScriptResolutionKind.Binary, path, $"key '{key}' of ConfigMap '{doc.Display}' is binaryData")
                {
                    ConfigMap = doc, Key = key, Mode = mode, ModeNode = modeNode, VolumeName = volumeName,
                };
            }

            return Missing(path, doc, key is null ? $"'{rel}' is not a file of the volume" : $"ConfigMap '{doc.Display}' has no key '{key}'", volumeName);
        }

        private static ScriptResolution Missing(string path, ConfigMapDoc doc, string reason, YamlNode? volumeName) =>
            new(ScriptResolutionKind.Missing, path, reason) { ConfigMap = doc, VolumeName = volumeName };

        private static ScriptResolution NotAvailable(string path, string name, bool optional, bool projected) =>
            new(ScriptResolutionKind.Unreadable, path, optional
                ? $"ConfigMap '{name}' is optional and not among the AdditionalFiles (the {(projected ? "source" : "directory")} is empty when it is absent)"
                : $"ConfigMap '{name}' is not among the AdditionalFiles");

        private static string? Absolute(string path, PodContext pod)
        {
            if (path.StartsWith("/", StringComparison.Ordinal))
            {
                return Normalize(path);
            }

            string? workingDir = Scalar(pod.Container?.Get("workingDir"));
            return workingDir is not null && workingDir.StartsWith("/", StringComparison.Ordinal) ? Normalize(workingDir + "/" + path) : null;
        }

        /// <summary>Collapses <c>//</c>, <c>.</c> and <c>..</c>.</summary>
        internal static string Normalize(string path)
        {
            var parts = new List<string>();
            foreach (string part in path.Split('/'))
            {
                if (part.Length == 0 || part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }

                    continue;
                }

                parts.Add(part);
            }

            return "/" + string.Join("/", parts);
        }

        private static IEnumerable<YamlNode> Items(YamlNode? sequence) =>
            sequence is { Kind: YamlNodeKind.Sequence } ? sequence.Items.Where(i => i.Kind == YamlNodeKind.Mapping) : Enumerable.Empty<YamlNode>();

        private static string? Scalar(YamlNode? node) => node is { Kind: YamlNodeKind.Scalar, IsNull: false } ? node.Value : null;
    }

    /// <summary>Resolves the script paths of one container's shell text for <see cref="ShellProgram"/> (groups A and B), through the same resolver as group F's walk.</summary>
    internal sealed class ScriptReader
    {
        private readonly ScriptResolver _resolver;
        private readonly PodContext _pod;

        public ScriptReader(ScriptResolver resolver, PodContext pod)
        {
            _resolver = resolver;
            _pod = pod;
        }

        /// <summary>The manifest the container is in.</summary>
        public ScriptFile File => _pod.File;

        public ScriptResolution Resolve(string path) => _resolver.Resolve(path, _pod);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using RayGen.Analysis;
using RayGen.KubeRay;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>One user entry of a group's <c>rayStartParams</c>, with its YAML nodes and what KubeRay made of it.</summary>
    internal sealed class ParamEntry
    {
        private readonly ParamsView _view;
        private ShellValue? _shell;
        private ScalarSourceMap? _map;

        public ParamEntry(ParamsView view, YamlEntry entry)
        {
            _view = view;
            KeyNode = entry.Key;
            ValueNode = entry.Value;
            Key = entry.Key.Value;
            Value = entry.Value.Kind == YamlNodeKind.Scalar ? entry.Value.Value : string.Empty;
            Effective = view.Group.Output.RayStartParams.LastOrDefault(p => p.Key == Key)?.Value;
        }

        public YamlNode KeyNode { get; }

        public YamlNode ValueNode { get; }

        public string Key { get; }

        /// <summary>The value as written (decoded scalar).</summary>
        public string Value { get; }

        /// <summary>The value KubeRay renders for this key (it may have overwritten or rewritten it), or <c>null</c>.</summary>
        public string? Effective { get; }

        /// <summary>A string scalar: other values are RAY0030 (the API server rejects them), so value rules skip them.</summary>
        public bool IsStringValue => ValueNode.Kind == YamlNodeKind.Scalar && ValueNode.ScalarType == YamlScalarType.String;

        /// <summary>Helm/Go template text (<c>{{ … }}</c>) that cannot be evaluated (RAY0190).</summary>
        public bool IsTemplated => Value.Contains("{{") || Key.Contains("{{");

        /// <summary>KubeRay renders exactly the user's value (not forced, merged or replaced).</summary>
        public bool IsRenderedAsWritten => string.Equals(Effective, Value, StringComparison.Ordinal);

        /// <summary>A string value a value rule may check: written by the user, rendered as written, not templated.</summary>
        public bool IsCheckableValue => IsStringValue && !IsTemplated && IsRenderedAsWritten;

        /// <summary>KubeRay writes <c>--k</c> (true) or nothing (false) instead of <c>--k=v</c>.</summary>
        public bool IsRenderedAsSwitch =>
            !_view.Group.Profile.SpecialBooleanParams.Contains(Key, StringComparer.Ordinal)
            && (string.Equals(Value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(Value, "false", StringComparison.OrdinalIgnoreCase));

        public ShellValue Shell => _shell ??= _view.IsPlainExpansion
            ? ShellValue.AnalyzePlain(Key, Value, _view.KubeletResolves)
            : ShellValue.Analyze(Key, Value, _view.KubeletResolves);

        public ScalarSourceMap Map => _map ??= ScalarSourceMap.Create(ValueNode, _view.Text);

        /// <summary>Value characters [start, end) in the YAML: a sub-span for plain/single-line quoted scalars, else the scalar.</summary>
        public SourceSpan Locate(int start, int end) =>
            start >= 0 && end <= Value.Length && start < end ? Map.Locate(start, end) : ValueNode.Span;
    }

    /// <summary>
    /// A group's <c>rayStartParams</c> as the group-C rules see it: the user entries, the <c>ray start</c> option
    /// tables for the cluster's <c>rayVersion</c>, and whether the params reach a <c>ray start</c> at all
    /// (rules.md §C: generated mode, or a command that runs <c>KUBERAY_GEN_RAY_START_CMD</c> on ≥ 1.1.0).
    /// Built once per group and shared by the group-C analyzers.
    /// </summary>
    internal sealed class ParamsView
    {
        private const string GenVariable = "KUBERAY_GEN_RAY_START_CMD";

        private static readonly ConditionalWeakTable<GroupArgs, ParamsView> Cache = new();

        private static readonly Regex Evaluated = new(
            @"\beval\s+[""']?\$\{?KUBERAY_GEN_RAY_START_CMD\b|\b(?:ba|da|z|k|a)?sh\s+(?:-\w+\s+)+(?:--\s+)?""\$\{?KUBERAY_GEN_RAY_START_CMD\b|\$\(KUBERAY_GEN_RAY_START_CMD\)",
            RegexOptions.CultureInvariant);

        private readonly HashSet<string> _envNames;

        private ParamsView(GroupArgs group, string text, YamlNode? clusterSpec)
        {
            Group = group;
            Text = text;
            Options = RayStartOptionSelection.For(group.Manifest.Cluster?.RayVersion);
            ReferencesGenVariable = group.Profile.OverwriteAnnotation && group.Elements.Any(e => e.Value.Contains(GenVariable));
            ReachesRayStart = group.IsGenerated || ReferencesGenVariable;

            // $KUBERAY_GEN_RAY_START_CMD expanded as a plain command (not eval, not a shell's -c script, not the
            // kubelet's $(…)) gets word splitting only: no quote removal, no brace or $ expansion (RAY0026).
            IsPlainExpansion = !group.IsGenerated && ReferencesGenVariable && !group.Elements.Any(e => Evaluated.IsMatch(e.Value));

            ContainerModel? container = group.Group.Containers.Count > 0 ? ClusterBuilder.RayContainer(group.Group, group.Profile) : null;
            _envNames = new HashSet<string>(
                (container?.Env.Select(e => e.Name) ?? Enumerable.Empty<string>()).Concat(group.Output.AddedEnv.Select(e => e.Name)),
                StringComparer.Ordinal);
            HasEnvFrom = group.ContainerNode?.Get("envFrom") is { Kind: YamlNodeKind.Sequence } envFrom && envFrom.Items.Count > 0;

            // Token auth and TLS env (kuberay-pod-command.md §7.1 steps 4-5) count as defined whenever the manifest
            // turns them on. The env builder adds them only for 1.7 and (TLS) under the RayClusterMTLS gate; this
            // stays lenient so RAY0037 does not warn about a variable the operator may well add.
            var features = new List<string>();
            if (group.Manifest.Cluster?.AuthMode == "token")
            {
                features.AddRange(new[] { "RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_ENABLE_K8S_TOKEN_AUTH" });
            }

            if (clusterSpec?.Get("tlsOptions")?.Get("enabled") is { Kind: YamlNodeKind.Scalar, ScalarType: YamlScalarType.Bool } tls
                && tls.Value.ToLowerInvariant() is "true" or "yes" or "on" or "y")
            {
                features.AddRange(new[] { "RAY_USE_TLS", "RAY_TLS_SERVER_CERT", "RAY_TLS_SERVER_KEY", "RAY_TLS_CA_CERT" });
            }

            FeatureVariables = features;

            var entries = new List<ParamEntry>();
            if (group.GroupNode.Get("rayStartParams") is { Kind: YamlNodeKind.Mapping } map)
            {
                // The last entry of a key wins (as in the manifest reader); earlier duplicates are not rendered.
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (YamlEntry entry in map.Entries.Reverse())
                {
                    if (entry.Key.Kind == YamlNodeKind.Scalar && seen.Add(entry.Key.Value))
                    {
                        entries.Add(new ParamEntry(this, entry));
                    }
                }

                entries.Reverse();
            }

            Entries = entries;
        }

        public GroupArgs Group { get; }

        public string Text { get; }

        public IReadOnlyList<ParamEntry> Entries { get; }

        public RayStartOptionSelection Options { get; }

        /// <summary>containers[0] command/args mention <c>KUBERAY_GEN_RAY_START_CMD</c> (KubeRay ≥ 1.1.0).</summary>
        public bool ReferencesGenVariable { get; }

        /// <summary>
        /// The params reach <c>ray start</c> only through <c>$KUBERAY_GEN_RAY_START_CMD</c> expanded as a plain
        /// command: bash splits the text at blanks but removes no quotes (RAY0026 reports the reference).
        /// </summary>
        public bool IsPlainExpansion { get; }

        /// <summary>The params end up on a <c>ray start</c> command line (rules.md §C intro).</summary>
        public bool ReachesRayStart { get; }

        /// <summary>Env vars KubeRay adds for token auth and TLS when the cluster turns them on.</summary>
        public IReadOnlyList<string> FeatureVariables { get; }

        /// <summary>containers[0] has <c>envFrom</c>: any variable may come from there.</summary>
        public bool HasEnvFrom { get; }

        public static ParamsView For(GroupRuleContext context) =>
            Cache.GetValue(context.Group, g => new ParamsView(g, context.File.Content, ClusterSpecOf(context.File, g)));

        private static YamlNode? ClusterSpecOf(AnalyzedFile file, GroupArgs group) =>
            file.Yaml?.Documents.FirstOrDefault(d => d.Index == group.Manifest.DocumentIndex)?.Root is { } root
                ? ClusterSpecLocator.ClusterSpec(root)
                : null;

        /// <summary>Names of env vars the Ray container has: the user's and KubeRay's.</summary>
        public bool HasEnv(string name) => _envNames.Contains(name);

        /// <summary>The kubelet expands <c>$(NAME)</c> for env vars of the container.</summary>
        public bool KubeletResolves(string name) => _envNames.Contains(name);

        /// <summary>
        /// The severity a rule about the rendered flags may use: as designed where the params reach <c>ray start</c>,
        /// at most Info in suppressed/overwrite mode without a <c>KUBERAY_GEN_RAY_START_CMD</c> reference.
        /// </summary>
        public ProblemSeverity Cap(ProblemSeverity severity) => ReachesRayStart ? severity : ProblemSeverity.Info;

        /// <summary>Text added to the messages of RAY0031–RAY0034/RAY0036 when the params do not reach a <c>ray start</c>.</summary>
        public string ModeNote => ReachesRayStart
            ? string.Empty
            : Group.Profile.OverwriteAnnotation
                ? " (Info only: KubeRay does not generate the command here and the container does not run $KUBERAY_GEN_RAY_START_CMD, so these params are not passed to your 'ray start'.)"
                : " (Info only: KubeRay does not generate the command here, so these params are not passed to your 'ray start'.)";

        /// <summary>"Final args: …", the suffix of every group-C message.</summary>
        public string FinalArgs => Group.FinalArgsExcerpt;
    }
}

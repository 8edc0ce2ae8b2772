using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Helpers;
using RayGen.Model;

namespace RayGen.KubeRay
{
    /// <summary>
    /// The operator's <c>--feature-gates</c> (RayGenFeatureGates): "Name" or "Name=true|false", comma
    /// separated. Only the gates that change pods matter to RayGen (kuberay-pod-command.md §0); other
    /// names are accepted and ignored, as the operator ignores them for pods.
    /// </summary>
    internal sealed record FeatureGates(EquatableArray<KeyValue> Values)
    {
        public const string RayMultiHostIndexing = nameof(RayMultiHostIndexing);

        /// <summary>TLS env on Ray, wait-gcs-ready and autoscaler containers when <c>tlsOptions.enabled</c> (alpha, off).</summary>
        public const string RayClusterMTLS = nameof(RayClusterMTLS);

        /// <summary>History collector env on Ray containers when <c>historyServerOptions.collectorOptions</c> is set (alpha, off).</summary>
        public const string RayClusterHistoryServer = nameof(RayClusterHistoryServer);

        public static FeatureGates None { get; } = new(EquatableArray<KeyValue>.Empty);

        /// <summary>Gates on by default in KubeRay 1.7 (beta).</summary>
        private static readonly string[] DefaultOn = { RayMultiHostIndexing };

        public bool IsEnabled(string name)
        {
            KeyValue? set = Values.LastOrDefault(v => v.Key == name);
            return set is null ? DefaultOn.Contains(name) : set.Value == "true";
        }

        /// <summary>Parses the setting; <paramref name="invalid"/> gets the items that are not "Name[=bool]".</summary>
        public static FeatureGates Parse(string? text, out string? invalid)
        {
            invalid = null;
            var values = new List<KeyValue>();
            foreach (string raw in (text ?? string.Empty).Split(','))
            {
                string item = raw.Trim();
                if (item.Length == 0)
                {
                    continue;
                }

                int equals = item.IndexOf('=');
                string name = (equals < 0 ? item : item.Substring(0, equals)).Trim();
                string value = equals < 0 ? "true" : item.Substring(equals + 1).Trim().ToLowerInvariant();
                if (name.Length == 0 || !name.All(char.IsLetterOrDigit) || value is not ("true" or "false"))
                {
                    invalid ??= item;
                    continue;
                }

                values.Add(new KeyValue(name, value));
            }

            return new FeatureGates(values.ToEquatableArray());
        }
    }
}

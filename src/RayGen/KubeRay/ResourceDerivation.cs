using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RayGen.Kubernetes;
using RayGen.Model;

namespace RayGen.KubeRay
{
    /// <summary>
    /// §5: <c>num-cpus</c>, <c>memory</c>, <c>num-gpus</c> and <c>resources</c> from group-level fields and
    /// from the Ray container's limits/requests.
    /// </summary>
    internal static class ResourceDerivation
    {
        private static readonly Regex MigKey = new(@"nvidia\.com/mig-\d+g\.\d+gb$", RegexOptions.CultureInvariant);

        /// <summary>Container resource name → Ray resource name (§5.4).</summary>
        private static readonly KeyValuePair<string, string>[] Accelerators =
        {
            new("aws.amazon.com/neuroncore", "neuron_cores"),
            new("google.com/tpu", "TPU"),
        };

        public static bool IsGpuKey(string key, KubeRayProfile profile) =>
            key.EndsWith("gpu", StringComparison.Ordinal) || (profile.MigGpuKeys && MigKey.IsMatch(key));

        /// <summary>§5.5 group <c>resources</c> (runs first and overwrites) and §5.6 group <c>labels</c>.</summary>
        public static void ApplyGroupFields(RayStartParams parameters, GroupModel group, KubeRayProfile profile)
        {
            if (!profile.GroupResourcesAndLabels)
            {
                return;
            }

            var custom = new List<KeyValuePair<string, double>>();
            foreach (KeyValue entry in group.Resources)
            {
                if (!Quantity.TryParse(entry.Value, out Quantity quantity))
                {
                    continue;
                }

                string lowered = entry.Key.ToLowerInvariant();
                if (lowered == "cpu")
                {
                    parameters.Set("num-cpus", Format(quantity.Value()));
                }
                else if (lowered == "memory")
                {
                    parameters.Set("memory", Format(quantity.Value()));
                }
                else if (IsGpuKey(lowered, profile))
                {
                    parameters.Set("num-gpus", Format(quantity.Value()));
                }
                else
                {
                    custom.Add(new KeyValuePair<string, double>(entry.Key, quantity.AsApproximateFloat64()));
                }
            }

            // Go logs a marshal error (NaN/Inf quantities) and leaves resources alone.
            if (custom.Count > 0 && GoJson.TrySerializeNumberObject(custom, out string json))
            {
                parameters.Set("resources", "'" + json + "'");
            }

            if (group.Labels.Count > 0)
            {
                parameters.Set("labels", string.Join(",", group.Labels.OrderBy(l => l.Key, GoJson.KeyOrder).Select(l => l.Key + "=" + l.Value)));
            }
        }

        /// <summary>§5.1–§5.4, in <c>BuildPod</c>, only for keys still missing.</summary>
        public static void ApplyContainerResources(RayStartParams parameters, ContainerModel container, KubeRayProfile profile)
        {
            if (!parameters.Contains("num-cpus"))
            {
                if (NonZero(container.Limits, "cpu") is { } cpuLimit)
                {
                    parameters.Set("num-cpus", Format(cpuLimit.Value()));
                }
                else if (profile.CpuRequestFallback && NonZero(container.Requests, "cpu") is { } cpuRequest)
                {
                    parameters.Set("num-cpus", Format(cpuRequest.Value()));
                }
            }

            if (!parameters.Contains("memory") && NonZero(container.Limits, "memory") is { } memory)
            {
                parameters.Set("memory", Format(memory.Value()));
            }

            if (container.Limits.Count == 0)
            {
                return;
            }

            List<KeyValuePair<string, double>>? resources = null;
            bool acceleratorPresent = false;
            if (profile.AcceleratorResources)
            {
                resources = new List<KeyValuePair<string, double>>();
                if (parameters.Contains("resources"))
                {
                    // An unparsable value aborts the whole step, GPU detection included (§5.4 step 1).
                    string? existing = parameters.Get("resources");
                    if (existing is null || !GoJson.TryParseNumberObject(GoJson.TrimResourcesQuoting(existing), out resources))
                    {
                        return;
                    }

                    acceleratorPresent = resources.Any(r => Accelerators.Any(a => a.Value == r.Key));
                }
            }

            bool acceleratorDone = false;
            bool acceleratorAdded = false;
            foreach (KeyValue limit in container.Limits.OrderBy(l => l.Key, GoJson.KeyOrder))
            {
                if (!Quantity.TryParse(limit.Value, out Quantity quantity) || quantity.IsZero)
                {
                    continue;
                }

                if (!parameters.Contains("num-gpus") && IsGpuKey(limit.Key, profile))
                {
                    parameters.Set("num-gpus", Format(quantity.Value()));
                }

                if (resources is not null && !acceleratorDone && Accelerators.FirstOrDefault(a => a.Key == limit.Key).Value is { } rayName)
                {
                    acceleratorDone = true;
                    if (!acceleratorPresent)
                    {
                        resources.RemoveAll(r => r.Key == rayName);
                        resources.Add(new KeyValuePair<string, double>(rayName, quantity.AsApproximateFloat64()));
                        acceleratorAdded = true;
                    }
                }
            }

            if (acceleratorAdded && GoJson.TrySerializeNumberObject(resources!, out string json))
            {
                parameters.Set("resources", "'" + json + "'");
            }
        }

        private static Quantity? NonZero(RayGen.Helpers.EquatableArray<KeyValue> map, string key)
        {
            foreach (KeyValue entry in map)
            {
                if (entry.Key == key && Quantity.TryParse(entry.Value, out Quantity quantity) && !quantity.IsZero)
                {
                    return quantity;
                }
            }

            return null;
        }

        private static string Format(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

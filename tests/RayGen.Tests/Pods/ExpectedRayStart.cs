using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RayGen.Tests.Pods
{
    /// <summary>
    /// The Ray container's final <c>command</c>/<c>args</c> and the <c>ray start</c> line, as KubeRay 1.7 with
    /// operator defaults writes them, derived for the tests straight from kuberay-pod-command.md §2–§6 and
    /// rules.md §0.2 (the Final Args Model). Reads only the manifest JSON; no RayGen code.
    /// </summary>
    internal sealed class ExpectedRayStart
    {
        private const string Ulimit = "ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}"; // §2b, 1.7

        // §6 step 2 (1.7 list: kuberay-versions.md adds include-log-monitor).
        private static readonly string[] SpecialBooleans = { "log-color", "include-dashboard", "include-log-monitor" };

        // §5.4: container resource name → Ray resource name.
        private static readonly Dictionary<string, string> Accelerators = new(StringComparer.Ordinal)
        {
            ["aws.amazon.com/neuroncore"] = "neuron_cores",
            ["google.com/tpu"] = "TPU",
        };

        private static readonly Regex MigKey = new(@"nvidia\.com/mig-\d+g\.\d+gb$");

        private ExpectedRayStart(IReadOnlyDictionary<string, string> parameters, string rayStartCommand, string[]? command, string[]? args)
        {
            Params = parameters;
            RayStartCommand = rayStartCommand;
            Command = command;
            Args = args;
        }

        /// <summary>The effective rayStartParams (§1 order: group resources/labels, defaults, autoscaling, GCS FT, container resources).</summary>
        public IReadOnlyDictionary<string, string> Params { get; }

        /// <summary>RAYSTART (§6 step 6): also the value of <c>KUBERAY_GEN_RAY_START_CMD</c> (§3).</summary>
        public string RayStartCommand { get; }

        /// <summary>The generated command, or null when KubeRay leaves the user's command as written (§3).</summary>
        public string[]? Command { get; }

        /// <summary>The generated single-element args, or null when the user's args are kept.</summary>
        public string[]? Args { get; }

        /// <param name="manifest">The whole YAML document as JSON.</param>
        /// <param name="workerIndex">-1 for the head.</param>
        public static ExpectedRayStart For(JsonObject manifest, int workerIndex, DeployValues deploy)
        {
            string kind = (string)manifest["kind"]!;
            JsonObject cluster = ExpectedPod.ClusterSpec(manifest);
            bool head = workerIndex < 0;
            var group = (JsonObject)(head ? cluster["headGroupSpec"]! : cluster["workerGroupSpecs"]![workerIndex]!);
            var ray = (JsonObject)group["template"]!["spec"]!["containers"]![0]!;

            // §1 order: group fields, defaults (and autoscaling, GCS FT), then the container's resources.
            var p = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in group["rayStartParams"] as JsonObject ?? new JsonObject())
            {
                p[key] = Text(value); // the CRD's values are strings (§6 step 5); a null map is {} (§4)
            }

            ApplyGroupFields(p, group);
            ApplyDefaults(p, head, cluster, deploy);
            DeriveFromContainerResources(p, ray["resources"] as JsonObject);

            // §6 flags, §3 RAYSTART.
            string rayStart = (head ? "ray start --head " : "ray start ") + Flags(p);

            // §2 and rules.md §0.2: joined user text, the "ray start" substring and the overwrite annotation.
            string joined = string.Concat(Strings(ray["command"]).Concat(Strings(ray["args"])).Select(e => " " + e + " "));
            bool overwrite = (kind != "RayCronJob" && IsTrue(manifest["metadata"]?["annotations"]?["ray.io/overwrite-container-cmd"]))
                || IsTrue(group["template"]!["metadata"]?["annotations"]?["ray.io/overwrite-container-cmd"]);
            if (overwrite || joined.Contains("ray start", StringComparison.Ordinal))
            {
                return new ExpectedRayStart(p, rayStart, null, null);
            }

            string tail = Ulimit + "; " + rayStart;
            return new ExpectedRayStart(p, rayStart, new[] { "/bin/bash", "-c", "--" }, new[] { joined.Length == 0 ? tail : joined + " && " + tail });
        }

        /// <summary>§4 HEADPORT: the head group's <c>port</c> param verbatim, else 6379.</summary>
        public static string HeadPort(JsonObject cluster) =>
            cluster["headGroupSpec"]?["rayStartParams"] is JsonObject head && head.ContainsKey("port") ? Text(head["port"]) : "6379";

        /// <summary>§4 HEADSVC (1.4+: custom headService name, else &lt;cluster&gt;-head-svc, no truncation).</summary>
        public static string HeadService(JsonObject cluster, DeployValues deploy) =>
            cluster["headGroupSpec"]?["headService"]?["metadata"]?["name"] is JsonValue name && Text(name).Length > 0 ? Text(name) : deploy.ClusterName + "-head-svc";

        /// <summary>§4 FQDN with the default CLUSTER_DOMAIN.</summary>
        public static string HeadFqdn(JsonObject cluster, DeployValues deploy) => HeadService(cluster, deploy) + "." + deploy.Namespace + ".svc.cluster.local";

        /// <summary>§5.5 group <c>resources</c> (overwrites, replaces the resources JSON) and §5.6 group <c>labels</c> (1.5+).</summary>
        private static void ApplyGroupFields(Dictionary<string, string> p, JsonObject group)
        {
            if (group["resources"] is JsonObject groupResources)
            {
                var custom = new SortedDictionary<string, double>(StringComparer.Ordinal);
                foreach (var (name, value) in groupResources)
                {
                    if (SpecQuantity.Parse(Text(value)) is not { } q)
                    {
                        continue; // unparsable entries are skipped
                    }

                    string lower = name.ToLowerInvariant();
                    if (lower == "cpu")
                    {
                        p["num-cpus"] = Integer(q);
                    }
                    else if (lower == "memory")
                    {
                        p["memory"] = Integer(q);
                    }
                    else if (IsGpuKey(lower))
                    {
                        p["num-gpus"] = Integer(q);
                    }
                    else
                    {
                        custom[name] = q.AsApproximateFloat64();
                    }
                }

                if (custom.Count > 0)
                {
                    p["resources"] = "'" + GoJsonObject(custom) + "'";
                }
            }

            // Sorted k=v, comma-joined, unquoted.
            if (group["labels"] is JsonObject { Count: > 0 } labels)
            {
                p["labels"] = string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + Text(l.Value)));
            }
        }

        /// <summary>§4 defaults, §9.2 no-monitor, §7.1 item 3 Redis credentials.</summary>
        private static void ApplyDefaults(Dictionary<string, string> p, bool head, JsonObject cluster, DeployValues deploy)
        {
            if (!head)
            {
                p.TryAdd("address", HeadFqdn(cluster, deploy) + ":" + HeadPort(cluster));
            }
            else
            {
                p.TryAdd("dashboard-host", "0.0.0.0");
            }

            p.TryAdd("metrics-export-port", "8080");
            p["block"] = "true"; // forced
            p.TryAdd("dashboard-agent-listen-port", "52365");

            // Autoscaling overwrites no-monitor on the head.
            if (head && cluster["enableInTreeAutoscaling"]?.GetValue<bool>() == true)
            {
                p["no-monitor"] = "true";
            }

            // Redis credentials from gcsFaultToleranceOptions reach the head's params as shell variables.
            if (head && cluster["gcsFaultToleranceOptions"] is JsonObject ft && Text(ft["backend"]) != "rocksdb")
            {
                if (ft["redisUsername"] is JsonObject)
                {
                    p["redis-username"] = "$REDIS_USERNAME";
                }

                if (ft["redisPassword"] is JsonObject)
                {
                    p["redis-password"] = "$REDIS_PASSWORD";
                }
            }
        }

        /// <summary>§5.1–§5.4, in BuildPod, only for keys still missing.</summary>
        private static void DeriveFromContainerResources(Dictionary<string, string> p, JsonObject? resources)
        {
            var limits = resources?["limits"] as JsonObject ?? new JsonObject();
            var requests = resources?["requests"] as JsonObject ?? new JsonObject();
            SpecQuantity? Quantity(JsonObject list, string key) => list[key] is { } value ? SpecQuantity.Parse(Text(value)) : null;

            // §5.1: a zero limit counts as none, then the request (1.3+).
            SpecQuantity? cpu = Quantity(limits, "cpu") is { IsZero: false } limit ? limit : Quantity(requests, "cpu");
            if (!p.ContainsKey("num-cpus") && cpu is { IsZero: false } cpus)
            {
                p["num-cpus"] = Integer(cpus);
            }

            // §5.2: limits only.
            if (!p.ContainsKey("memory") && Quantity(limits, "memory") is { IsZero: false } memory)
            {
                p["memory"] = Integer(memory);
            }

            // §5.3 and §5.4 share one loop over the sorted limit keys, and only run when there are limits.
            if (limits.Count == 0)
            {
                return;
            }

            SortedDictionary<string, double>? json = p.TryGetValue("resources", out string? existing) ? ParseResources(existing) : new(StringComparer.Ordinal);
            if (json is null)
            {
                return; // invalid existing JSON aborts accelerators and num-gpus alike
            }

            bool present = json.ContainsKey("neuron_cores") || json.ContainsKey("TPU");
            bool done = false, added = false;
            foreach (string key in limits.Select(l => l.Key).OrderBy(k => k, StringComparer.Ordinal))
            {
                if (Quantity(limits, key) is not { IsZero: false } q)
                {
                    continue;
                }

                if (!p.ContainsKey("num-gpus") && IsGpuKey(key))
                {
                    p["num-gpus"] = Integer(q);
                }

                if (!done && Accelerators.TryGetValue(key, out string? rayName))
                {
                    if (!present)
                    {
                        json[rayName] = q.AsApproximateFloat64();
                        added = true;
                    }

                    done = true;
                }
            }

            if (added)
            {
                p["resources"] = "'" + GoJsonObject(json) + "'";
            }
        }

        /// <summary>
        /// §5.4 step 1: trim quotes, backticks and spaces, then Go's <c>json.Unmarshal</c> into a
        /// <c>map[string]float64</c>, or null when that fails. As in Go, <c>null</c> leaves the map empty, a null
        /// entry is 0, and a repeated key keeps its last value.
        /// </summary>
        private static SortedDictionary<string, double>? ParseResources(string text)
        {
            var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
            try
            {
                using JsonDocument document = JsonDocument.Parse(text.Trim('\'', '"', '`', ' '));
                if (document.RootElement.ValueKind == JsonValueKind.Null)
                {
                    return result;
                }

                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                foreach (JsonProperty property in document.RootElement.EnumerateObject())
                {
                    double number = property.Value.ValueKind switch
                    {
                        JsonValueKind.Null => 0,
                        JsonValueKind.Number when property.Value.TryGetDouble(out double d) && double.IsFinite(d) => d,
                        _ => double.NaN, // a string, bool, object or an out-of-range number: Unmarshal fails
                    };
                    if (double.IsNaN(number))
                    {
                        return null;
                    }

                    result[property.Name] = number;
                }

                return result;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>§6 convertParamMap: sorted keys, " --k " / dropped / " --k=v ".</summary>
        public static string Flags(IReadOnlyDictionary<string, string> parameters)
        {
            var flags = new StringBuilder();
            foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                string lower = value.ToLowerInvariant();
                bool special = SpecialBooleans.Contains(key, StringComparer.Ordinal);
                if (!special && lower == "true")
                {
                    flags.Append(" --").Append(key).Append(' ');
                }
                else if (special || lower != "false")
                {
                    flags.Append(" --").Append(key).Append('=').Append(value).Append(' ');
                }
            }

            return flags.ToString();
        }

        /// <summary>§5.3 IsGPUResourceKey.</summary>
        private static bool IsGpuKey(string key) => key.EndsWith("gpu", StringComparison.Ordinal) || MigKey.IsMatch(key);

        /// <summary>strconv.FormatInt(q.Value(), 10).</summary>
        private static string Integer(SpecQuantity q) => q.Value.ToString(CultureInfo.InvariantCulture);

        /// <summary>§5.8 Go encoding/json of a map[string]float64: sorted keys, no spaces.</summary>
        public static string GoJsonObject(IEnumerable<KeyValuePair<string, double>> entries) =>
            "{" + string.Join(",", entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => GoJsonString(e.Key) + ":" + GoNumber(e.Value))) + "}";

        /// <summary>§5.8: shortest round-trip digits; plain notation for 1e-6 ≤ |x| &lt; 1e21, else 1e-7 / 1e+21.</summary>
        public static string GoNumber(double x)
        {
            if (x == 0)
            {
                return double.IsNegative(x) ? "-0" : "0";
            }

            // "R" gives the shortest round-trip digits; re-lay them out the way Go does.
            string r = Math.Abs(x).ToString("R", CultureInfo.InvariantCulture);
            int e = r.IndexOf('E');
            int exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            string mantissa = e < 0 ? r : r[..e];
            int dot = mantissa.IndexOf('.');
            string digits = mantissa.Replace(".", string.Empty);
            int point = (dot < 0 ? mantissa.Length : dot) + exponent; // value = 0.digits × 10^point
            int leading = digits.Length - digits.TrimStart('0').Length;
            digits = digits.Trim('0');
            point -= leading;
            string sign = x < 0 ? "-" : string.Empty;
            double abs = Math.Abs(x);
            if (abs < 1e-6 || abs >= 1e21)
            {
                int exp = point - 1;
                string fraction = digits.Length > 1 ? "." + digits[1..] : string.Empty;
                return sign + digits[0] + fraction + "e" + (exp < 0 ? "-" + (-exp) : "+" + exp.ToString("00", CultureInfo.InvariantCulture));
            }

            if (point <= 0)
            {
                return sign + "0." + new string('0', -point) + digits;
            }

            return sign + (point >= digits.Length ? digits + new string('0', point - digits.Length) : digits[..point] + "." + digits[point..]);
        }

        /// <summary>§5.8: Go escapes <c>&lt; &gt; &amp;</c> and U+2028/U+2029 (HTML-safe), other non-ASCII stays.</summary>
        private static string GoJsonString(string text)
        {
            var builder = new StringBuilder("\"");
            foreach (char c in text)
            {
                builder.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }

            return builder.Append('"').ToString();
        }

        /// <summary>The overwrite annotation: "true" lower-cased, no trimming (§3).</summary>
        private static bool IsTrue(JsonNode? value) => value is JsonValue && Text(value).ToLowerInvariant() == "true";

        private static IEnumerable<string> Strings(JsonNode? list) => (list as JsonArray)?.Select(Text) ?? Enumerable.Empty<string>();

        /// <summary>
        /// A scalar as Go sees it after sigs.k8s.io/yaml: strings as they are, numbers in encoding/json's
        /// spelling (a YAML <c>cpu: 0.5</c> reaches <c>resource.Quantity</c> as the JSON text <c>0.5</c>).
        /// </summary>
        internal static string Text(JsonNode? node) => node switch
        {
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonValue v when v.TryGetValue(out long l) => l.ToString(CultureInfo.InvariantCulture),
            JsonValue v when v.TryGetValue(out double d) => GoNumber(d),
            JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
            null => string.Empty,
            _ => node.ToJsonString(),
        };
    }
}

using System;
using System.ComponentModel;
using System.Globalization;
using RayGen.Internal;

namespace RayGen
{
    /// <summary>
    /// KubeRay's naming rules for pods, applied at run time to the deploy-time values of generated pod
    /// factories (cluster name, namespace, replica). Used by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class RayPodNames
    {
        /// <summary>
        /// <paramref name="value"/>, else <paramref name="manifestValue"/>; must be a DNS-1123 label.
        /// </summary>
        /// <exception cref="ArgumentNullException">Both are <c>null</c>.</exception>
        /// <exception cref="ArgumentException">The value is not a DNS-1123 label.</exception>
        public static string Label(string? value, string? manifestValue, string parameterName)
        {
            string result = value ?? manifestValue ?? throw new ArgumentNullException(parameterName, "The manifest does not set this value; pass it.");
            if (!KubeRayNaming.IsDns1123Label(result))
            {
                throw new ArgumentException(
                    $"'{result}' is not a valid DNS-1123 label (lower-case letters, digits and '-', at most 63 characters).",
                    parameterName);
            }

            return result;
        }

        /// <summary>A required value that is not a name (the RayCluster UID, a replica name).</summary>
        /// <exception cref="ArgumentException">The value is null or empty.</exception>
        public static string Required(string? value, string parameterName) =>
            value is null || value.Length == 0 ? throw new ArgumentException("A value is required.", parameterName) : value;

        /// <summary><c>&lt;cluster&gt;-head-svc</c> (truncated as KubeRay did before 1.4.0 when <paramref name="legacy"/>).</summary>
        public static string HeadServiceName(string clusterName, bool legacy) => KubeRayNaming.HeadServiceName(clusterName, legacy);

        /// <summary>KubeRay's <c>CheckName</c>: the default service account and auth secret name.</summary>
        public static string CheckName(string name) => KubeRayNaming.CheckName(name);

        /// <summary><c>ray.io/identifier</c>: <c>CheckLabel(&lt;cluster&gt;-head|-worker)</c>.</summary>
        public static string Identifier(string clusterName, bool head) => KubeRayNaming.CheckLabel(clusterName + (head ? "-head" : "-worker"));

        /// <summary>The pod's <c>generateName</c>; <paramref name="workerGroup"/> is <c>null</c> for the head.</summary>
        public static string PodNamePrefix(string clusterName, string? workerGroup) => KubeRayNaming.PodNamePrefix(clusterName, workerGroup);

        /// <summary>A replica or host index as a label value.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
        public static string Index(int index, string parameterName) =>
            index < 0 ? throw new ArgumentOutOfRangeException(parameterName, index, "Must not be negative.") : index.ToString(CultureInfo.InvariantCulture);
    }
}

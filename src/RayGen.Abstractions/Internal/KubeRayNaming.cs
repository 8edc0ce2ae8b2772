// This file is compiled into both RayGen.Abstractions (runtime) and RayGen (analyzer), so the head
// Service name that generated code splices at run time is the one the analyzer shows at build time.
namespace RayGen.Internal
{
    internal static class KubeRayNaming
    {
        /// <summary>Longest generated name KubeRay kept before v1.4.0 (utils.CheckName).</summary>
        private const int LegacyMaxNameLength = 50;

        /// <summary>
        /// <c>&lt;cluster&gt;-head-svc</c>; before KubeRay 1.4.0 passed through <c>CheckName</c>: keep the
        /// last 50 characters, then a leading digit or punctuation becomes <c>r</c>.
        /// </summary>
        public static string HeadServiceName(string clusterName, bool legacyCheckName)
        {
            string name = clusterName + "-head-svc";
            return legacyCheckName ? CheckName(name) : name;
        }

        public static string CheckName(string name)
        {
            if (name.Length > LegacyMaxNameLength)
            {
                name = name.Substring(name.Length - LegacyMaxNameLength);
            }

            if (name.Length > 0 && char.IsDigit(name[0]))
            {
                name = "r" + name.Substring(1);
            }

            if (name.Length > 0 && char.IsPunctuation(name[0]))
            {
                name = "r" + name.Substring(1);
            }

            return name;
        }

        /// <summary>Label values: keep the last 63 characters, then a leading punctuation character becomes <c>r</c> (utils.CheckLabel).</summary>
        public static string CheckLabel(string value)
        {
            if (value.Length > 63)
            {
                value = value.Substring(value.Length - 63);
            }

            return value.Length > 0 && char.IsPunctuation(value[0]) ? "r" + value.Substring(1) : value;
        }

        /// <summary>The pod's <c>generateName</c>: lower-case, the name cut to its first 50 characters, plus the node suffix.</summary>
        public static string PodNamePrefix(string clusterName, string? workerGroup)
        {
            string name = workerGroup is null ? clusterName : clusterName + "-" + workerGroup;
            if (name.Length > LegacyMaxNameLength)
            {
                name = name.Substring(0, LegacyMaxNameLength);
            }

            return name.ToLowerInvariant() + (workerGroup is null ? "-head-" : "-worker-");
        }

        /// <summary>A DNS-1123 label: lower-case alphanumerics and '-', alphanumeric at both ends, 1-63 chars.</summary>
        public static bool IsDns1123Label(string value)
        {
            if (value.Length == 0 || value.Length > 63)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                if (!alnum && (c != '-' || i == 0 || i == value.Length - 1))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

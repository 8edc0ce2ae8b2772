using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>How <c>ray start</c> (click) reads an option (ray-start-options.json "kinds").</summary>
    internal enum RayStartOptionKind
    {
        /// <summary>A switch (<c>is_flag</c> or <c>count</c>): written bare; any <c>--k=value</c> is a usage error.</summary>
        Flag,

        /// <summary>Click <c>type=bool</c>: needs <c>--k=&lt;value&gt;</c>; a bare <c>--k</c> is an error.</summary>
        Bool,

        Int,
        Float,
        String,
        Choice,

        /// <summary>Text that must be a JSON object.</summary>
        Json,
    }

    [Flags]
    internal enum RayStartOptionFlags
    {
        None = 0,

        /// <summary>Not shown in <c>--help</c>, still accepted.</summary>
        Hidden = 1,

        /// <summary>Accepted, with a deprecation warning or ignored.</summary>
        Deprecated = 2,

        /// <summary>Marked <c>?</c> for this version (unresolved); counts as present (rules.md §0.1).</summary>
        Uncertain = 4,
    }

    /// <summary>One <c>ray start</c> option of one sampled Ray version.</summary>
    internal sealed class RayStartOption
    {
        public RayStartOption(string name, RayStartOptionKind kind, RayStartOptionFlags flags)
        {
            Name = name;
            Kind = kind;
            Flags = flags;
        }

        /// <summary>The long name without dashes, which is also the <c>rayStartParams</c> key.</summary>
        public string Name { get; }

        public RayStartOptionKind Kind { get; }

        public RayStartOptionFlags Flags { get; }

        public bool TakesValue => Kind != RayStartOptionKind.Flag;

        public static string KindName(RayStartOptionKind kind) => kind switch
        {
            RayStartOptionKind.Flag => "a flag (no value)",
            RayStartOptionKind.Bool => "a boolean value",
            RayStartOptionKind.Int => "an integer",
            RayStartOptionKind.Float => "a number",
            RayStartOptionKind.Choice => "one of a fixed set of values",
            RayStartOptionKind.Json => "a JSON object",
            _ => "a string",
        };
    }

    /// <summary>The options of one sampled Ray version (see RayStartOptionData.cs).</summary>
    internal sealed class RayStartOptionTable
    {
        private readonly Dictionary<string, RayStartOption> _options;

        public RayStartOptionTable(string version, RayStartOption[] options)
        {
            Version = version;
            Key = RayVersion.TryParse(version, out RayVersion parsed) ? parsed : throw new ArgumentException("bad table version " + version);
            _options = options.ToDictionary(o => o.Name, StringComparer.Ordinal);
        }

        public string Version { get; }

        public RayVersion Key { get; }

        public IEnumerable<RayStartOption> Options => _options.Values;

        public RayStartOption? Find(string name) => _options.TryGetValue(name, out RayStartOption? option) ? option : null;
    }

    /// <summary>A Ray version <c>MAJOR.MINOR.PATCH</c> (digits only).</summary>
    internal readonly struct RayVersion : IComparable<RayVersion>
    {
        private RayVersion(int major, int minor, int patch)
        {
            Major = major;
            Minor = minor;
            Patch = patch;
        }

        public int Major { get; }

        public int Minor { get; }

        public int Patch { get; }

        public static bool TryParse(string? text, out RayVersion version)
        {
            version = default;
            string[] parts = (text ?? string.Empty).Split('.');
            if (parts.Length != 3 || parts.Any(p => p.Length == 0 || p.Length > 6 || !p.All(c => c >= '0' && c <= '9')))
            {
                return false;
            }

            version = new RayVersion(
                int.Parse(parts[0], CultureInfo.InvariantCulture),
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                int.Parse(parts[2], CultureInfo.InvariantCulture));
            return true;
        }

        public int CompareTo(RayVersion other) =>
            Major != other.Major ? Major.CompareTo(other.Major)
            : Minor != other.Minor ? Minor.CompareTo(other.Minor)
            : Patch.CompareTo(other.Patch);

        public override string ToString() => Major + "." + Minor + "." + Patch;
    }

    /// <summary>How <c>spec.rayVersion</c> was matched to the sampled tables.</summary>
    internal enum RayVersionMatch
    {
        /// <summary>The version is one of the tables.</summary>
        Exact,

        /// <summary>Between two tables: L is the newest below, U the oldest above.</summary>
        Between,

        /// <summary><c>rayVersion</c> is missing: the newest table is used.</summary>
        Missing,

        /// <summary>Not <c>MAJOR.MINOR.PATCH</c> (<c>nightly</c>, <c>$RAY_VERSION</c>): the newest table is used.</summary>
        Unparsable,

        /// <summary>Newer than the newest table: that table is used.</summary>
        Newer,

        /// <summary>Older than the oldest table: that table is used.</summary>
        Older,
    }

    /// <summary>
    /// The option tables that cover a cluster's <c>spec.rayVersion</c> (rules.md §0.1): L is the newest table
    /// ≤ rayVersion and U the oldest table ≥ rayVersion. An option is known when it is in L or in U; its kind
    /// comes from L, else U.
    /// </summary>
    internal sealed class RayStartOptionSelection
    {
        private RayStartOptionSelection(string? rayVersion, RayStartOptionTable lower, RayStartOptionTable upper, RayVersionMatch match)
        {
            RayVersionText = rayVersion;
            Lower = lower;
            Upper = upper;
            Match = match;
        }

        public string? RayVersionText { get; }

        public RayStartOptionTable Lower { get; }

        public RayStartOptionTable Upper { get; }

        public RayVersionMatch Match { get; }

        /// <summary>The tables may not describe the Ray that runs (no usable version, or newer than our data): RAY0031 is at most Info.</summary>
        public bool IsVersionUncertain => Match is RayVersionMatch.Missing or RayVersionMatch.Unparsable or RayVersionMatch.Newer;

        public static RayStartOptionSelection For(string? rayVersion) => For(rayVersion, RayStartOptionData.Tables);

        public static RayStartOptionSelection For(string? rayVersion, IReadOnlyList<RayStartOptionTable> tables)
        {
            RayStartOptionTable oldest = tables[0], newest = tables[tables.Count - 1];
            if (string.IsNullOrEmpty(rayVersion))
            {
                return new RayStartOptionSelection(rayVersion, newest, newest, RayVersionMatch.Missing);
            }

            if (!RayVersion.TryParse(rayVersion, out RayVersion version))
            {
                return new RayStartOptionSelection(rayVersion, newest, newest, RayVersionMatch.Unparsable);
            }

            if (version.CompareTo(newest.Key) > 0)
            {
                return new RayStartOptionSelection(rayVersion, newest, newest, RayVersionMatch.Newer);
            }

            if (version.CompareTo(oldest.Key) < 0)
            {
                return new RayStartOptionSelection(rayVersion, oldest, oldest, RayVersionMatch.Older);
            }

            RayStartOptionTable lower = tables.Last(t => t.Key.CompareTo(version) <= 0);
            RayStartOptionTable upper = tables.First(t => t.Key.CompareTo(version) >= 0);
            return new RayStartOptionSelection(rayVersion, lower, upper, ReferenceEquals(lower, upper) ? RayVersionMatch.Exact : RayVersionMatch.Between);
        }

        /// <summary>The option as the selected tables know it (kind from L, else U), or <c>null</c>.</summary>
        public RayStartOption? Find(string name) => Lower.Find(name) ?? Upper.Find(name);

        /// <summary>Every name known in L or U.</summary>
        public IEnumerable<string> KnownNames => Lower.Options.Select(o => o.Name).Union(Upper.Options.Select(o => o.Name), StringComparer.Ordinal);

        /// <summary>The sampled versions that know <paramref name="name"/> (for "exists in Ray …" hints).</summary>
        public static IEnumerable<string> VersionsKnowing(string name) =>
            RayStartOptionData.Tables.Where(t => t.Find(name) is not null).Select(t => t.Version);

        /// <summary>"Ray 2.52.0 (option tables 2.46.0 and 2.54.0)", or why another table was used.</summary>
        public string Describe() => Match switch
        {
            RayVersionMatch.Exact => $"Ray {RayVersionText}",
            RayVersionMatch.Between => $"Ray {RayVersionText} (option tables {Lower.Version} and {Upper.Version})",
            RayVersionMatch.Missing => $"the newest option table, Ray {Upper.Version}, because spec.rayVersion is missing",
            RayVersionMatch.Unparsable => $"the newest option table, Ray {Upper.Version}, because spec.rayVersion '{RayVersionText}' is not MAJOR.MINOR.PATCH",
            RayVersionMatch.Newer => $"the newest option table, Ray {Upper.Version}, because RayGen has no option table for Ray {RayVersionText} yet",
            _ => $"the oldest option table, Ray {Lower.Version}, because spec.rayVersion {RayVersionText} is older than it",
        };
    }
}

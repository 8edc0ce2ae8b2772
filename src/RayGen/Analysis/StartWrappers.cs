using System;
using System.Collections.Generic;
using System.Linq;

namespace RayGen.Analysis
{
    /// <summary>
    /// The <c>raygen.startWrappers</c> analyzer option (rules.md §0.1, RAY0024): a comma list of command names
    /// (<c>start-ray</c>) or absolute paths (<c>/opt/bin/launch.sh</c>) that start Ray themselves.
    /// </summary>
    internal sealed class StartWrappers
    {
        public const string OptionKey = "raygen.startWrappers";

        private readonly string[] _entries;

        private StartWrappers(string[] entries) => _entries = entries;

        public static StartWrappers Empty { get; } = new(Array.Empty<string>());

        public IReadOnlyList<string> Entries => _entries;

        public static StartWrappers Parse(string? option) =>
            string.IsNullOrWhiteSpace(option)
                ? Empty
                : new StartWrappers(option!.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0).ToArray());

        /// <summary>True when <paramref name="commandWord"/> is an entry: the same path, or the same name for an entry without '/'.</summary>
        public bool Matches(string? commandWord)
        {
            if (commandWord is null)
            {
                return false;
            }

            string word = commandWord.Trim();
            string baseName = KnownShell.BaseName(word);
            return _entries.Any(e => e == word || (e.IndexOf('/') < 0 && e == baseName));
        }
    }
}

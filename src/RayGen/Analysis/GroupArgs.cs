using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Internal;
using RayGen.KubeRay;
using RayGen.Model;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Analysis
{
    /// <summary>One element of the Ray container's <c>command</c> or <c>args</c>, and where its value sits in <c>joined</c>.</summary>
    internal sealed class ArgElement
    {
        public ArgElement(YamlNode node, bool isCommand, int index, int joinedStart, ScalarSourceMap map)
        {
            Node = node;
            IsCommand = isCommand;
            Index = index;
            JoinedStart = joinedStart;
            Map = map;
        }

        public YamlNode Node { get; }

        public string Value => Node.Value;

        public bool IsCommand { get; }

        /// <summary>Index inside its own list (command or args).</summary>
        public int Index { get; }

        /// <summary>Offset of the value's first character in <c>joined</c> (after the padding space).</summary>
        public int JoinedStart { get; }

        public int JoinedEnd => JoinedStart + Value.Length;

        public ScalarSourceMap Map { get; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Value);
    }

    /// <summary>
    /// The Final Args Model (rules.md §0.2) of one group, with the YAML nodes it came from: the joined
    /// user text, whether KubeRay generates the command, the final args string and a source map from
    /// every user character back to the YAML. Built from the same ClusterBuilder as the generator, so
    /// the analyzers always see the string the generator emits.
    /// </summary>
    internal sealed class GroupArgs
    {
        private ShellParseResult? _finalParse;
        private ShellParseResult? _joinedParse;

        public GroupArgs(
            ManifestModel manifest,
            GroupModel group,
            GroupOutputModel output,
            YamlNode groupNode,
            YamlNode? containerNode,
            IReadOnlyList<ArgElement> elements,
            string joined,
            string finalArgs,
            YamlNode? overwriteAnnotation,
            KubeRayProfile profile)
        {
            Manifest = manifest;
            Group = group;
            Output = output;
            GroupNode = groupNode;
            ContainerNode = containerNode;
            Elements = elements;
            Joined = joined;
            FinalArgs = finalArgs;
            OverwriteAnnotation = overwriteAnnotation;
            Profile = profile;
        }

        public ManifestModel Manifest { get; }

        public GroupModel Group { get; }

        public GroupOutputModel Output { get; }

        public YamlNode GroupNode { get; }

        public YamlNode? ContainerNode { get; }

        public IReadOnlyList<ArgElement> Elements { get; }

        /// <summary><c>" e1  e2 "</c>: every element padded with one space on each side.</summary>
        public string Joined { get; }

        /// <summary>The single args string KubeRay writes in generated mode (deploy-time holes filled with sample values); else <see cref="Joined"/>.</summary>
        public string FinalArgs { get; }

        /// <summary>The <c>ray.io/overwrite-container-cmd</c> annotation value node that turned overwrite on, if any.</summary>
        public YamlNode? OverwriteAnnotation { get; }

        public KubeRayProfile Profile { get; }

        /// <summary>The final args parsed as bash, once per group (shared by all rules).</summary>
        public ShellParseResult FinalParse => _finalParse ??= ShellParser.Parse(FinalArgs, ShellDialect.Bash);

        /// <summary><see cref="Joined"/> parsed alone (what the user wrote, without KubeRay's tail).</summary>
        public ShellParseResult JoinedParse => _joinedParse ??= ShellParser.Parse(Joined, ShellDialect.Bash);

        /// <summary>"Final args: …" for messages of groups A–C: what the operator will run (first 200 characters).</summary>
        public string FinalArgsExcerpt =>
            "Final args: " + Visible(FinalArgs.Length > 200 ? FinalArgs.Substring(0, 200) + "…" : FinalArgs);

        /// <summary>Messages are one line: newlines and tabs are shown as escapes.</summary>
        private static string Visible(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");

        public bool IsHead => Group.IsHead;

        /// <summary>KubeRay replaces command/args (not overwrite, no "ray start" in <see cref="Joined"/>).</summary>
        public bool IsGenerated => Output.IsCommandGenerated;

        /// <summary>Offset in <see cref="FinalArgs"/> where generated text starts.</summary>
        public int TailStart => Joined.Length;

        /// <summary>The user element holding <see cref="Joined"/> offset <paramref name="offset"/>, if any.</summary>
        public ArgElement? ElementAt(int offset) =>
            Elements.FirstOrDefault(e => offset >= e.JoinedStart && offset < e.JoinedEnd);

        /// <summary>The last element whose value is not blank.</summary>
        public ArgElement? LastNonBlank => Elements.LastOrDefault(e => !e.IsBlank);

        /// <summary>
        /// Where to report text [start, end) of <see cref="Joined"/>/<see cref="FinalArgs"/> (rules.md §0.4): a
        /// sub-span of a plain or single-line quoted scalar, the whole scalar otherwise, and for generated
        /// text the end of the last non-blank user element (or the fallbacks).
        /// </summary>
        public SourceSpan Locate(int start, int end)
        {
            if (ElementAt(start) is { } element)
            {
                int localEnd = Math.Min(end, element.JoinedEnd) - element.JoinedStart;
                return element.Map.Locate(start - element.JoinedStart, Math.Max(localEnd, start - element.JoinedStart + 1));
            }

            return Fallback();
        }

        /// <summary>§0.4 fallback for findings in generated or padding text.</summary>
        public SourceSpan Fallback()
        {
            if (LastNonBlank is { } last)
            {
                if (!last.Map.IsPrecise)
                {
                    return last.Node.Span;
                }

                int length = last.Value.TrimEnd().Length;
                return last.Map.Locate(Math.Max(length - 1, 0), Math.Max(length, 1));
            }

            if (Elements.Count > 0)
            {
                return Elements[Elements.Count - 1].Node.Span;
            }

            return GroupNode.GetEntry("rayStartParams")?.Key.Span
                ?? ContainerNode?.Get("name")?.Span
                ?? GroupNode.Span;
        }

        /// <summary>Sample deploy-time values, so templated text parses like the real thing.</summary>
        internal static string Render(TextTemplate template, ManifestModel manifest, KubeRayProfile profile)
        {
            string clusterName = manifest.Kind == RayKinds.RayCluster && !manifest.NameIsPrefix ? manifest.Name : manifest.Name.TrimEnd('-') + "-x7k2p";
            return template.Render(KubeRayNaming.HeadServiceName(clusterName, profile.LegacyHeadServiceNaming), manifest.Namespace ?? "default", "00000000-0000-0000-0000-000000000000");
        }
    }
}

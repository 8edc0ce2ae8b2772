using System;
using System.ComponentModel;

namespace RayGen
{
    /// <summary>What a <see cref="RayTemplatePart"/> stands for.</summary>
    public enum RayTemplatePartKind
    {
        /// <summary>Literal text, known at compile time.</summary>
        Text,

        /// <summary>The head Service name, derived from the RayCluster name at deploy time.</summary>
        HeadServiceName,

        /// <summary>The namespace the cluster is deployed to.</summary>
        Namespace,
    }

    /// <summary>
    /// One piece of a precomputed string: literal text, or a hole for a value that is only known at
    /// deploy time. Used by generated code; the holes are typed, so no YAML text can turn into a hole.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct RayTemplatePart
    {
        private RayTemplatePart(RayTemplatePartKind kind, string text)
        {
            Kind = kind;
            Value = text;
        }

        /// <summary>The kind of this part.</summary>
        public RayTemplatePartKind Kind { get; }

        /// <summary>The literal text (empty for holes).</summary>
        public string Value { get; }

        /// <summary>The head Service name hole.</summary>
        public static RayTemplatePart HeadServiceName => new RayTemplatePart(RayTemplatePartKind.HeadServiceName, string.Empty);

        /// <summary>The namespace hole.</summary>
        public static RayTemplatePart Namespace => new RayTemplatePart(RayTemplatePartKind.Namespace, string.Empty);

        /// <summary>A literal piece of text.</summary>
        public static RayTemplatePart Text(string text) =>
            new RayTemplatePart(RayTemplatePartKind.Text, text ?? throw new ArgumentNullException(nameof(text)));
    }
}

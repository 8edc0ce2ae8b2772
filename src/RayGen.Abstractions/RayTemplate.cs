using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;

namespace RayGen
{
    /// <summary>
    /// A string precomputed at build time, with typed holes for the values KubeRay only knows at deploy
    /// time (the generated cluster name of a RayJob/RayService, a namespace the manifest leaves open).
    /// Used by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class RayTemplate
    {
        private readonly RayTemplatePart[] _parts;
        private readonly string? _constant;

        /// <summary>Creates a template from its parts.</summary>
        public RayTemplate(params RayTemplatePart[] parts)
        {
            _parts = parts ?? throw new ArgumentNullException(nameof(parts));
            bool constant = true;
            foreach (RayTemplatePart part in _parts)
            {
                if (part.Kind != RayTemplatePartKind.Text)
                {
                    constant = false;
                    UsesHeadServiceName |= part.Kind == RayTemplatePartKind.HeadServiceName;
                    UsesNamespace |= part.Kind == RayTemplatePartKind.Namespace;
                }
            }

            if (constant)
            {
                _constant = Concat(_parts, null, null);
            }
        }

        /// <summary>Whether the text contains the head Service name hole.</summary>
        public bool UsesHeadServiceName { get; }

        /// <summary>Whether the text contains the namespace hole.</summary>
        public bool UsesNamespace { get; }

        /// <summary>The parts, in order.</summary>
        public IReadOnlyList<RayTemplatePart> Parts => _parts;

        internal string Render(string? headServiceName, string? @namespace) =>
            _constant ?? Concat(_parts, headServiceName, @namespace);

        private static string Concat(RayTemplatePart[] parts, string? headServiceName, string? @namespace)
        {
            if (parts.Length == 1 && parts[0].Kind == RayTemplatePartKind.Text)
            {
                return parts[0].Value;
            }

            var builder = new StringBuilder();
            foreach (RayTemplatePart part in parts)
            {
                switch (part.Kind)
                {
                    case RayTemplatePartKind.HeadServiceName:
                        builder.Append(headServiceName);
                        break;
                    case RayTemplatePartKind.Namespace:
                        builder.Append(@namespace);
                        break;
                    default:
                        builder.Append(part.Value);
                        break;
                }
            }

            return builder.ToString();
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using RayGen.Helpers;

// The KubernetesClient model types the compilation references, reduced to what the pod emitter and
// RAY0196 need: names, JSON names and property types. It is computed from the Compilation in its own
// step and compared by value, so a C# edit yields an equal description and leaves every per-file
// output cached. Never holds symbols.
namespace RayGen.Model
{
    internal enum KubeTypeKind
    {
        String,
        Bool,
        Int32,
        Int64,
        Double,
        DateTime,

        /// <summary>A model class: object initializer over its properties.</summary>
        Model,

        /// <summary>A value written as text (<c>ResourceQuantity</c>, <c>IntOrString</c>): see <see cref="KubeTypeDescription"/>.</summary>
        Scalar,
        List,
        Map,

        /// <summary>Anything else (<c>object</c>, byte arrays): left out of generated objects.</summary>
        Unsupported,
    }

    /// <summary>
    /// The type of a property. <paramref name="CSharpName"/> is the fully qualified C# spelling
    /// (<c>global::k8s.Models.V1Container</c>, <c>long?</c>); <paramref name="Element"/> is the item or map
    /// value type; <paramref name="IsArray"/> says a list is a C# array rather than a list interface.
    /// </summary>
    internal sealed record KubeTypeRef(KubeTypeKind Kind, string CSharpName, KubeTypeRef? Element = null, bool IsArray = false);

    internal sealed record KubePropertyDescription(string Name, string JsonName, KubeTypeRef Type);

    /// <summary>
    /// A model or scalar type. For scalars: how a value can be built from text or a number
    /// (a <c>string</c> constructor, implicit conversions from <c>string</c>, <c>int</c> or <c>long</c>).
    /// </summary>
    internal sealed record KubeTypeDescription(
        string CSharpName,
        EquatableArray<KubePropertyDescription> Properties,
        bool StringConstructor = false,
        bool FromString = false,
        bool FromInt32 = false,
        bool FromInt64 = false)
    {
        // A lookup cache, not part of the value (hence the explicit equality below): the pod emitter and
        // RAY0196 look a key up per YAML entry, which a scan with a lambda made a cost per node.
        private Dictionary<string, KubePropertyDescription>? _byJsonName;

        /// <summary>The property with this JSON name (the first, if the client declares one twice).</summary>
        public KubePropertyDescription? Property(string jsonName)
        {
            if (_byJsonName is null)
            {
                var byJsonName = new Dictionary<string, KubePropertyDescription>(System.StringComparer.Ordinal);
                foreach (KubePropertyDescription property in Properties)
                {
                    if (!byJsonName.ContainsKey(property.JsonName))
                    {
                        byJsonName[property.JsonName] = property;
                    }
                }

                _byJsonName = byJsonName;
            }

            return _byJsonName.TryGetValue(jsonName, out KubePropertyDescription? found) ? found : null;
        }

        public bool Equals(KubeTypeDescription? other) =>
            ReferenceEquals(this, other)
            || (other is not null && CSharpName == other.CSharpName && Properties.Equals(other.Properties)
                && StringConstructor == other.StringConstructor && FromString == other.FromString && FromInt32 == other.FromInt32 && FromInt64 == other.FromInt64);

        public override int GetHashCode()
        {
            var hash = new HashCodeBuilder();
            hash.Add(CSharpName);
            hash.Add(Properties);
            hash.Add(StringConstructor);
            hash.Add(FromString);
            hash.Add(FromInt32);
            hash.Add(FromInt64);
            return hash.ToHashCode();
        }
    }

    /// <summary>The types reachable from the pod roots, sorted by name.</summary>
    internal sealed record KubeModelDescription(string PodType, string PodTemplateSpecType, EquatableArray<KubeTypeDescription> Types)
    {
        private Dictionary<string, KubeTypeDescription>? _byName;

        public KubeTypeDescription? Find(string csharpName)
        {
            _byName ??= Types.ToDictionary(t => t.CSharpName, System.StringComparer.Ordinal);
            return _byName.TryGetValue(csharpName, out KubeTypeDescription? type) ? type : null;
        }

        // Hashed once: the analyzers use the description as a cache key for every file (LiteralBudgetAnalyzer).
        private int _hash;

        // The lookup cache and the hash are not part of the value.
        public bool Equals(KubeModelDescription? other) =>
            ReferenceEquals(this, other)
            || (other is not null && PodType == other.PodType && PodTemplateSpecType == other.PodTemplateSpecType && Types.Equals(other.Types));

        public override int GetHashCode() => _hash != 0 ? _hash : _hash = Types.GetHashCode();
    }
}

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
        public KubePropertyDescription? Property(string jsonName) => Properties.FirstOrDefault(p => p.JsonName == jsonName);
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

        // The lookup cache is not part of the value.
        public bool Equals(KubeModelDescription? other) =>
            other is not null && PodType == other.PodType && PodTemplateSpecType == other.PodTemplateSpecType && Types.Equals(other.Types);

        public override int GetHashCode() => Types.GetHashCode();
    }
}

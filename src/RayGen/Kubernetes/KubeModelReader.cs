using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using RayGen.Helpers;
using RayGen.Model;

namespace RayGen.Kubernetes
{
    /// <summary>
    /// Reads the KubernetesClient model types from a compilation (no reflection, no fixed list): every
    /// type reachable from <c>k8s.Models.V1Pod</c> and <c>V1PodTemplateSpec</c>, with JSON names taken from
    /// <c>[JsonPropertyName]</c> (System.Text.Json) or <c>[JsonProperty]</c> (Newtonsoft, older clients), so
    /// the emitter follows whatever client version the project references.
    /// </summary>
    internal static class KubeModelReader
    {
        public const string PodMetadataName = "k8s.Models.V1Pod";
        public const string PodTemplateSpecMetadataName = "k8s.Models.V1PodTemplateSpec";

        /// <summary>
        /// Whether the generator emits pod factories for this compilation: two type lookups, cheap enough for
        /// an analyzer's compilation start (the walk of <see cref="Describe"/> is not needed for that).
        /// </summary>
        public static bool HasPodFactories(Compilation compilation) =>
            compilation.GetTypeByMetadataName(PodMetadataName) is not null
            && compilation.GetTypeByMetadataName(PodTemplateSpecMetadataName) is not null;

        /// <summary><c>null</c> when the compilation does not reference KubernetesClient.</summary>
        public static KubeModelDescription? Describe(Compilation compilation, CancellationToken cancellationToken)
        {
            if (compilation.GetTypeByMetadataName(PodMetadataName) is not { } pod
                || compilation.GetTypeByMetadataName(PodTemplateSpecMetadataName) is not { } template)
            {
                return null;
            }

            var reader = new Walk();
            reader.Enqueue(pod);
            reader.Enqueue(template);
            while (reader.Pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                reader.Describe(reader.Pending.Dequeue());
            }

            return new KubeModelDescription(
                Name(pod),
                Name(template),
                reader.Types.Values.OrderBy(t => t.CSharpName, System.StringComparer.Ordinal).ToEquatableArray());
        }

        private static string Name(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        private sealed class Walk
        {
            private readonly HashSet<string> _queued = new(System.StringComparer.Ordinal);

            public Queue<INamedTypeSymbol> Pending { get; } = new();

            public Dictionary<string, KubeTypeDescription> Types { get; } = new(System.StringComparer.Ordinal);

            public void Enqueue(INamedTypeSymbol type)
            {
                if (_queued.Add(Name(type)))
                {
                    Pending.Enqueue(type);
                }
            }

            public void Describe(INamedTypeSymbol type)
            {
                if (IsScalar(type))
                {
                    Types[Name(type)] = new KubeTypeDescription(
                        Name(type),
                        EquatableArray<KubePropertyDescription>.Empty,
                        StringConstructor: type.InstanceConstructors.Any(c => IsPublic(c) && c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_String),
                        FromString: HasImplicitFrom(type, SpecialType.System_String),
                        FromInt32: HasImplicitFrom(type, SpecialType.System_Int32),
                        FromInt64: HasImplicitFrom(type, SpecialType.System_Int64));
                    return;
                }

                var properties = new List<KubePropertyDescription>();
                var names = new HashSet<string>(System.StringComparer.Ordinal);
                for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    foreach (IPropertySymbol property in current.GetMembers().OfType<IPropertySymbol>())
                    {
                        if (property.IsStatic || property.IsIndexer || !IsPublic(property) || property.SetMethod is not { } setter || !IsPublic(setter)
                            || !names.Add(property.Name) || HasAttribute(property, "JsonIgnoreAttribute"))
                        {
                            continue;
                        }

                        properties.Add(new KubePropertyDescription(property.Name, JsonName(property), Ref(property.Type)));
                    }
                }

                Types[Name(type)] = new KubeTypeDescription(Name(type), properties.ToEquatableArray());
            }

            private KubeTypeRef Ref(ITypeSymbol type)
            {
                string name = Name(type);
                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    return Ref(nullable.TypeArguments[0]) with { CSharpName = name };
                }

                switch (type.SpecialType)
                {
                    case SpecialType.System_String: return new KubeTypeRef(KubeTypeKind.String, name);
                    case SpecialType.System_Boolean: return new KubeTypeRef(KubeTypeKind.Bool, name);
                    case SpecialType.System_Int32: return new KubeTypeRef(KubeTypeKind.Int32, name);
                    case SpecialType.System_Int64: return new KubeTypeRef(KubeTypeKind.Int64, name);
                    case SpecialType.System_Double: return new KubeTypeRef(KubeTypeKind.Double, name);
                    case SpecialType.System_DateTime: return new KubeTypeRef(KubeTypeKind.DateTime, name);
                }

                if (type is IArrayTypeSymbol array)
                {
                    return array.ElementType.SpecialType == SpecialType.System_Byte
                        ? new KubeTypeRef(KubeTypeKind.Unsupported, name)
                        : new KubeTypeRef(KubeTypeKind.List, name, Ref(array.ElementType), IsArray: true);
                }

                if (type is not INamedTypeSymbol named)
                {
                    return new KubeTypeRef(KubeTypeKind.Unsupported, name);
                }

                if (named.IsGenericType)
                {
                    string definition = named.OriginalDefinition.ToDisplayString();
                    if (named.TypeArguments.Length == 1 && definition is "System.Collections.Generic.IList<T>" or "System.Collections.Generic.List<T>"
                            or "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IReadOnlyList<T>")
                    {
                        return new KubeTypeRef(KubeTypeKind.List, name, Ref(named.TypeArguments[0]));
                    }

                    if (named.TypeArguments.Length == 2 && named.TypeArguments[0].SpecialType == SpecialType.System_String
                        && definition is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.Dictionary<TKey, TValue>"
                            or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")
                    {
                        return new KubeTypeRef(KubeTypeKind.Map, name, Ref(named.TypeArguments[1]));
                    }

                    return new KubeTypeRef(KubeTypeKind.Unsupported, name);
                }

                if (IsScalar(named))
                {
                    Enqueue(named);
                    return new KubeTypeRef(KubeTypeKind.Scalar, name);
                }

                if (named.TypeKind == TypeKind.Class && !named.IsAbstract && named.InstanceConstructors.Any(c => IsPublic(c) && c.Parameters.Length == 0))
                {
                    Enqueue(named);
                    return new KubeTypeRef(KubeTypeKind.Model, name);
                }

                return new KubeTypeRef(KubeTypeKind.Unsupported, name);
            }

            /// <summary>A type written as one JSON value: built from a string (constructor or implicit conversion).</summary>
            private static bool IsScalar(INamedTypeSymbol type) =>
                type.SpecialType == SpecialType.None
                && type.TypeKind is TypeKind.Class or TypeKind.Struct
                && (HasImplicitFrom(type, SpecialType.System_String)
                    || type.InstanceConstructors.Any(c => IsPublic(c) && c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_String));

            private static bool HasImplicitFrom(INamedTypeSymbol type, SpecialType from) =>
                type.GetMembers("op_Implicit").OfType<IMethodSymbol>().Any(m =>
                    IsPublic(m) && m.Parameters.Length == 1 && m.Parameters[0].Type.SpecialType == from
                    && SymbolEqualityComparer.Default.Equals(m.ReturnType, type));

            private static bool IsPublic(ISymbol symbol) => symbol.DeclaredAccessibility == Accessibility.Public;

            private static bool HasAttribute(ISymbol symbol, string name) =>
                symbol.GetAttributes().Any(a => a.AttributeClass?.Name == name);

            /// <summary>System.Text.Json's [JsonPropertyName], else Newtonsoft's [JsonProperty], else camelCase.</summary>
            private static string JsonName(IPropertySymbol property)
            {
                foreach (AttributeData attribute in property.GetAttributes())
                {
                    string? attributeName = attribute.AttributeClass?.Name;
                    if (attributeName is "JsonPropertyNameAttribute" or "JsonPropertyAttribute")
                    {
                        if (attribute.ConstructorArguments.FirstOrDefault().Value is string positional)
                        {
                            return positional;
                        }

                        if (attribute.NamedArguments.FirstOrDefault(a => a.Key == "PropertyName").Value.Value is string named)
                        {
                            return named;
                        }
                    }
                }

                return char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);
            }
        }
    }
}

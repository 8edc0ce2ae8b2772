using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace RayGen.Helpers
{
    /// <summary>
    /// An immutable array that compares by value. Pipeline models are cache keys of the incremental
    /// generator; plain arrays and <c>ImmutableArray</c> compare by reference and would defeat caching.
    /// </summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        public static readonly EquatableArray<T> Empty = new(Array.Empty<T>());

        private readonly T[]? _items;

        public EquatableArray(T[] items) => _items = items;

        public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

        public int Count => _items?.Length ?? 0;

        public bool IsEmpty => Count == 0;

        public T this[int index] => (_items ?? Array.Empty<T>())[index];

        public bool Equals(EquatableArray<T> other)
        {
            T[] left = _items ?? Array.Empty<T>();
            T[] right = other._items ?? Array.Empty<T>();
            if (left.Length != right.Length)
            {
                return false;
            }

            for (int i = 0; i < left.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(left[i], right[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCodeBuilder();
            foreach (T item in _items ?? Array.Empty<T>())
            {
                hash.Add(item);
            }

            return hash.ToHashCode();
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
    }

    internal static class EquatableArray
    {
        public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
            where T : IEquatable<T> => new(items);

        /// <summary>Wraps the array without copying; the caller gives up ownership.</summary>
        public static EquatableArray<T> ToEquatableArrayFast<T>(this T[] items)
            where T : IEquatable<T> => new(items);
    }

    /// <summary>A small order-dependent hash combiner (netstandard2.0 has no System.HashCode).</summary>
    internal struct HashCodeBuilder
    {
        private int _hash;

        public void Add<T>(T value)
        {
            unchecked
            {
                _hash = (_hash * 31) + (value is null ? 0 : EqualityComparer<T>.Default.GetHashCode(value));
            }
        }

        public readonly int ToHashCode() => _hash;
    }
}

// JsSort: Array.prototype.sort as V8 runs it (TimSort), so ties and even inconsistent comparators order
// elements exactly like graphql-js. Arrays shorter than 64 use V8's run detection + binary insertion sort
// verbatim; longer ones use a stable sort (identical for consistent comparators).
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

namespace railgun::validation {

// `compare(a, b)` returns <0 when a sorts before b, like a JS comparator.
template <typename T, typename Compare>
void JsSort(std::vector<T>& a, Compare compare) {
  const size_t n = a.size();
  if (n < 2) return;
  if (n >= 64) {
    std::stable_sort(a.begin(), a.end(), [&](const T& x, const T& y) { return compare(x, y) < 0; });
    return;
  }
  // CountAndMakeRun(0, n)
  size_t run_length = 2;
  const bool descending = compare(a[1], a[0]) < 0;
  for (size_t i = 2; i < n; ++i) {
    const int order = compare(a[i], a[i - 1]);
    if (descending ? order >= 0 : order < 0) break;
    ++run_length;
  }
  if (descending) std::reverse(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(run_length));
  // BinaryInsertionSort(0, run_length, n)
  for (size_t start = run_length; start < n; ++start) {
    size_t left = 0;
    size_t right = start;
    T pivot = std::move(a[start]);
    while (left < right) {
      const size_t mid = left + ((right - left) >> 1);
      if (compare(pivot, a[mid]) < 0)
        right = mid;
      else
        left = mid + 1;
    }
    for (size_t p = start; p > left; --p) a[p] = std::move(a[p - 1]);
    a[left] = std::move(pivot);
  }
}

}  // namespace railgun::validation

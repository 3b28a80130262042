package cn.unionhub.devstack;

import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the documents' maps ({@code _id} to document): H2's object type, with two strings
 * compared straight by {@link String#compareTo}.
 *
 * <p>Why: every read and write of a document finds its key by a binary search of B-tree pages, a
 * dozen comparisons or more. H2's generic type works out both keys' type numbers and dispatches to
 * the type's own comparison each time; under the complaint load that was 13 % of the store's CPU
 * (JFR, docs/benchmarks.md "Session 28"), and nearly every key here is a string. For two strings
 * H2's comparison is {@code String.compareTo} too, so the order — and what is already on disk — is
 * the same; keys are written and read by H2's code unchanged.
 */
final class DocumentKeyType extends ObjectDataType {

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof String s && b instanceof String t) {
            return s.compareTo(t);
        }
        return super.compare(a, b);
    }
}

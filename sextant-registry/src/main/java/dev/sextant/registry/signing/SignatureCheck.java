package dev.sextant.registry.signing;

/** Whether a package digest carries a valid signature by a trusted key. */
public sealed interface SignatureCheck {

    /** One line for reports and errors. */
    String describe();

    default boolean valid() {
        return this instanceof Valid;
    }

    record Valid(String keyId, String signer) implements SignatureCheck {
        @Override
        public String describe() {
            return "signed by " + keyId + (signer.isEmpty() ? "" : " (for " + signer + ")");
        }
    }

    record Missing() implements SignatureCheck {
        @Override
        public String describe() {
            return "not signed";
        }
    }

    record UntrustedKey(String keyId) implements SignatureCheck {
        @Override
        public String describe() {
            return "signed by " + keyId + ", which is not a trusted key";
        }
    }

    record Invalid(String keyId) implements SignatureCheck {
        @Override
        public String describe() {
            return "the signature by " + keyId + " does not match the package digest";
        }
    }
}

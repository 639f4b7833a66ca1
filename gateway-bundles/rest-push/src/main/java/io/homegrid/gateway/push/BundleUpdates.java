package io.homegrid.gateway.push;

import java.util.List;

import io.homegrid.model.BundleInfo;

/**
 * The gateway's bundles as the backend manages them: listed, and a signed bundle installed or
 * updated. Only OSGi has bundles; the embedded gateway refuses.
 */
public interface BundleUpdates {

    /** What became of a bundle sent: {@code installed}, {@code updated}, {@code rolled back} or {@code refused}. */
    record Outcome(boolean ok, String outcome, String reason) {

        public static Outcome refused(String reason) {
            return new Outcome(false, "refused", reason);
        }
    }

    List<BundleInfo> bundles();

    Outcome install(byte[] jar);

    /** No bundles here: the embedded gateway is one program. */
    static BundleUpdates none(String why) {
        return new BundleUpdates() {
            @Override
            public List<BundleInfo> bundles() {
                return List.of();
            }

            @Override
            public Outcome install(byte[] jar) {
                return Outcome.refused(why);
            }
        };
    }
}

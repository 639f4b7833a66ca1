package io.homegrid.persistence.analysis;

import java.util.List;
import java.util.Optional;

/** The households' virtual devices, in PostgreSQL ({@code virtual_device}). */
public interface VirtualDevices {

    /** A household's, by name. */
    List<VirtualDevice> of(String household);

    Optional<VirtualDevice> get(String household, String name);

    /** @throws NameTaken when the household has one by that name */
    void create(VirtualDevice device);

    /** False when there was none by that name. */
    boolean delete(String household, String name);

    /** The household has a virtual device by that name already. */
    final class NameTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NameTaken(String name) {
            super("a virtual device named '" + name + "' exists");
        }
    }
}

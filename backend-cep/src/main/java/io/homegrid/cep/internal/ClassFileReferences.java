package io.homegrid.cep.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields and methods a class file refers to, read from its constant pool (JVMS §4.4):
 * whatever its code calls or reads must be named there. Method handles and dynamic call sites
 * are reported as such, since their targets are not plain references.
 */
final class ClassFileReferences {

    /** A member of another class: owner in internal form ({@code java/lang/Math}), member name. */
    record Member(String owner, String name) {
        @Override
        public String toString() {
            return owner.isEmpty() ? name : owner.replace('/', '.') + "." + name;
        }
    }

    static final String DYNAMIC = "a method handle or dynamic call site";

    private ClassFileReferences() {
    }

    /** The members referred to; a method handle or dynamic call site as a member named {@link #DYNAMIC}. */
    static List<Member> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.readInt(); // magic
        in.readInt(); // minor and major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            tags[i] = in.readUnsignedByte();
            switch (tags[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // a long or double takes two entries
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tags[i]);
            }
        }
        List<Member> members = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 9, 10, 11 -> members.add(new Member(utf8[first[first[i]]], utf8[first[second[i]]]));
                case 15, 17, 18 -> members.add(new Member("", DYNAMIC));
                default -> {
                    // names, types and constants are not references by themselves
                }
            }
        }
        return members;
    }
}

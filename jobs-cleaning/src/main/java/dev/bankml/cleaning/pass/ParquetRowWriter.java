package dev.bankml.cleaning.pass;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows (arrays of Java values in the order of a Spark schema) to one snappy Parquet file,
 * laid out exactly as Spark writes that schema: strings as UTF-8 binaries, arrays in the standard
 * three-level list form, and the Spark schema in the footer, so Spark, Glue crawlers and Athena read
 * the file as if Spark had written it. It lets one task of the cleaning job write the cleaned rows
 * and the quarantined rows of its input in a single pass. Supported types: string, int, bigint,
 * boolean, binary and array of strings; a string column's value may also be given as its UTF-8 bytes.
 */
final class ParquetRowWriter implements Closeable {
    /** Footer key under which Spark keeps the schema it wrote. */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private final ParquetWriter<Object[]> writer;
    private final String path;
    private long rows;

    private ParquetRowWriter(ParquetWriter<Object[]> writer, String path) {
        this.writer = writer;
        this.path = path;
    }

    /**
     * @param uniqueColumns columns whose values are (nearly) all distinct, such as ids and line numbers:
     *                      written without a dictionary, which could only grow and be thrown away
     */
    static ParquetRowWriter open(Configuration conf, String path, StructType schema, List<String> uniqueColumns)
            throws IOException {
        Builder b = new Builder(HadoopOutputFile.fromPath(new Path(path), conf), schema, uniqueColumns)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(true)
                .withPageSize(1 << 20)
                .withRowGroupSize(128L << 20);
        for (String c : uniqueColumns) {
            b = b.withDictionaryEncoding(c, false);
        }
        return new ParquetRowWriter(b.build(), path);
    }

    void write(Object[] row) throws IOException {
        writer.write(row);
        rows++;
    }

    long rows() {
        return rows;
    }

    String path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** The Parquet schema Spark writes for {@code schema} (non-legacy format). */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            b.addField(parquetField(f));
        }
        return b.named("spark_schema");
    }

    private static Type parquetField(StructField f) {
        Type.Repetition rep = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        DataType t = f.dataType();
        if (t.equals(DataTypes.StringType)) {
            return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(f.name());
        }
        if (t.equals(DataTypes.IntegerType)) {
            return Types.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
        }
        if (t.equals(DataTypes.LongType)) {
            return Types.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
        }
        if (t.equals(DataTypes.BooleanType)) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
        }
        if (t.equals(DataTypes.BinaryType)) {
            return Types.primitive(PrimitiveTypeName.BINARY, rep).named(f.name());
        }
        if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
            Type.Repetition elementRep = a.containsNull() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(Types.primitive(PrimitiveTypeName.BINARY, elementRep)
                                    .as(LogicalTypeAnnotation.stringType()).named("element"))
                            .named("list"))
                    .named(f.name());
        }
        throw new IllegalArgumentException("column " + f.name() + " has type " + t.simpleString()
                + ", which this writer does not support");
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final StructType schema;
        private final List<String> uniqueColumns;

        Builder(HadoopOutputFile file, StructType schema, List<String> uniqueColumns) {
            super(file);
            this.schema = schema;
            this.uniqueColumns = uniqueColumns;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, uniqueColumns);
        }
    }

    /** Feeds one row's values to Parquet's record consumer, field by field. */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final StructType schema;
        private final String[] names;
        private final int[] kinds;
        /** Per string column, the bytes of the values seen (the same String objects recur: categories, file names). */
        private final Map<String, Binary>[] binaries;
        private RecordConsumer out;

        private static final int STRING = 0;
        private static final int INT = 1;
        private static final int LONG = 2;
        private static final int BOOLEAN = 3;
        private static final int BINARY = 4;
        private static final int STRING_ARRAY = 5;

        @SuppressWarnings("unchecked")
        RowWriteSupport(StructType schema, List<String> uniqueColumns) {
            this.schema = schema;
            this.names = schema.fieldNames();
            this.kinds = new int[names.length];
            this.binaries = new Map[names.length];
            for (int i = 0; i < names.length; i++) {
                if (!uniqueColumns.contains(names[i])) {
                    binaries[i] = new IdentityHashMap<>();
                }
            }
            for (int i = 0; i < names.length; i++) {
                DataType t = schema.fields()[i].dataType();
                kinds[i] = t.equals(DataTypes.StringType) ? STRING
                        : t.equals(DataTypes.IntegerType) ? INT
                        : t.equals(DataTypes.LongType) ? LONG
                        : t.equals(DataTypes.BooleanType) ? BOOLEAN
                        : t.equals(DataTypes.BinaryType) ? BINARY
                        : STRING_ARRAY;
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            Map<String, String> meta = new HashMap<>();
            meta.put(SPARK_SCHEMA_KEY, schema.json());
            return new WriteContext(parquetSchema(schema), meta);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            for (int i = 0; i < names.length; i++) {
                Object v = row[i];
                if (v == null) {
                    continue;
                }
                out.startField(names[i], i);
                switch (kinds[i]) {
                    case STRING -> out.addBinary(binary(i, v));
                    case INT -> out.addInteger((Integer) v);
                    case LONG -> out.addLong((Long) v);
                    case BOOLEAN -> out.addBoolean((Boolean) v);
                    case BINARY -> out.addBinary(Binary.fromConstantByteArray((byte[]) v));
                    default -> writeStrings(toList(v));
                }
                out.endField(names[i], i);
            }
            out.endMessage();
        }

        /** A string value's bytes: given as bytes, remembered for a recurring String, or encoded. */
        private Binary binary(int column, Object v) {
            if (v instanceof byte[] bytes) {
                return Binary.fromConstantByteArray(bytes);
            }
            String s = (String) v;
            Map<String, Binary> seen = binaries[column];
            if (seen == null) {
                return Binary.fromString(s);
            }
            Binary b = seen.get(s);
            if (b == null) {
                b = Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
                if (seen.size() < 4096) {
                    seen.put(s, b);
                }
            }
            return b;
        }

        private void writeStrings(List<String> values) {
            out.startGroup();
            if (!values.isEmpty()) {
                out.startField("list", 0);
                for (String s : values) {
                    out.startGroup();
                    out.startField("element", 0);
                    out.addBinary(Binary.fromString(s));
                    out.endField("element", 0);
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
        }

        @SuppressWarnings("unchecked")
        private static List<String> toList(Object v) {
            return v instanceof String[] a ? List.of(a) : (List<String>) v;
        }
    }
}

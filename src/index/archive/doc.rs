//! The index's own document type: the fields as tantivy wants them, without a JSON round trip.

use super::*;

/// A document as the archive writes it: the field values as they are. tantivy's own
/// `TantivyDocument` keeps a pre-tokenized text as JSON and parses it back twice (for the
/// store and for the index), which cost more than segmenting the text (callgrind).
pub struct ArchiveDoc(pub(super) Vec<(Field, OwnedValue)>);

/// The values of an [`ArchiveDoc`].
pub struct ArchiveDocIter<'a>(std::slice::Iter<'a, (Field, OwnedValue)>);

impl<'a> Iterator for ArchiveDocIter<'a> {
    type Item = (Field, &'a OwnedValue);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(f, v)| (*f, v))
    }
}

impl tantivy::Document for ArchiveDoc {
    type Value<'a> = &'a OwnedValue;
    type FieldsValuesIter<'a> = ArchiveDocIter<'a>;
    fn iter_fields_and_values(&self) -> ArchiveDocIter<'_> {
        ArchiveDocIter(self.0.iter())
    }
}

impl DocumentDeserialize for ArchiveDoc {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(fv) = deserializer.next_field()? {
            values.push(fv);
        }
        Ok(ArchiveDoc(values))
    }
}

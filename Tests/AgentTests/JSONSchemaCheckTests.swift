import Agent
import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct JSONSchemaCheckTests {
  func check(_ schema: String, _ value: String) -> String? {
    let check = JSONSchemaCheck(schema: JSONValue.parse(schema)!)
    return check.mismatch(in: JSONValue.parse(value)!)?.description
  }

  @Test func typesPropertiesAndBounds() {
    let schema = """
      {"type": "object", "required": ["items"], "additionalProperties": false,
       "properties": {"items": {"type": "array", "maxItems": 2,
         "items": {"type": "object", "properties": {"name": {"type": "string", "minLength": 1},
                                                     "level": {"enum": ["low", "high"]}}}}}}
      """
    #expect(check(schema, #"{"items": [{"name": "a", "level": "low"}]}"#) == nil)
    #expect(check(schema, #"{}"#) == #"$: missing the required property "items""#)
    #expect(
      check(schema, #"{"items": [], "extra": 1}"#)
        == "$.extra: a property the schema does not allow")
    #expect(
      check(schema, #"{"items": [{"name": ""}]}"#)
        == "$.items[0].name: expected at least 1 characters")
    #expect(
      check(schema, #"{"items": [{"level": "mid"}]}"#)
        == #"$.items[0].level: expected one of ["low","high"]"#)
    #expect(check(schema, #"{"items": [{}, {}, {}]}"#) == "$.items: expected at most 2 items")
    #expect(check(#"{"type": "integer"}"#, "2.0") == nil)
    #expect(check(#"{"type": "integer"}"#, "2.5") == "$: expected integer, got a number")
    #expect(check(#"{"type": ["string", "null"]}"#, "null") == nil)
  }

  @Test func referencesAndChoices() {
    let schema = """
      {"$defs": {"id": {"type": "string"}},
       "anyOf": [{"$ref": "#/$defs/id"}, {"type": "integer", "minimum": 1}]}
      """
    #expect(check(schema, #""abc""#) == nil)
    #expect(check(schema, "7") == nil)
    #expect(check(schema, "0") == "$: fits none of the anyOf choices")
  }
}

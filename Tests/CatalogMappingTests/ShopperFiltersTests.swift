import CatalogMapping
import Foundation
import Testing

/// contract.md `GET /v1/search` filters → Clerk filter (mapping.md §7).
@Suite struct ShopperFiltersTests {
    func rendered(_ parameters: [String: [String]]) throws -> String? {
        try ShopperFilters.filter(from: parameters)?.rendered
    }

    func error(_ parameters: [String: [String]]) -> ShopperFilterError? {
        do {
            _ = try ShopperFilters.filter(from: parameters)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyFilterTypeMapsAsTheContractSays() throws {
        #expect(try rendered(["brand": ["Acme"]]) == #"brand = "Acme""#)
        #expect(try rendered(["category": ["12"]]) == "categories contains 12")
        #expect(try rendered(["option_Size": ["L"]]) == #"option_size contains "L""#)
        #expect(try rendered(["option_Shoe Width (EU)": ["42"]]) == #"option_shoe_width_eu contains "42""#)
        #expect(try rendered(["cf_Material": ["Cotton"]]) == #"cf_material = "Cotton""#)
        #expect(try rendered(["price_min": ["10"]]) == "price >= 10")
        #expect(try rendered(["price_max": ["19.99"]]) == "price <= 19.99")
        #expect(try rendered(["rating_min": ["4.5"]]) == "rating >= 4.5")
        #expect(try rendered(["in_stock": ["true"]]) == "in_stock = true")
    }

    @Test func nothingToRestrictIsNoFilter() throws {
        #expect(try rendered([:]) == nil)
        #expect(try rendered(["in_stock": ["false"]]) == nil)
        #expect(try rendered(["brand": [""], "price_min": [""], "category": []]) == nil)
    }

    @Test func repeatedValuesAreAlternatives() throws {
        #expect(try rendered(["brand": ["Acme", "Zed"]]) == #"(brand = "Acme" or brand = "Zed")"#)
        #expect(try rendered(["category": ["12", "34"]]) == "(categories contains 12 or categories contains 34)")
        #expect(try rendered(["option_Color": ["Red", "Blue", "Red"]]) == #"(option_color contains "Red" or option_color contains "Blue")"#)
        #expect(try rendered(["cf_Material": ["Wool", "Silk"]]) == #"(cf_material = "Wool" or cf_material = "Silk")"#)
        #expect(try rendered(["brand": ["Acme", "", "Acme"]]) == #"brand = "Acme""#)
    }

    @Test func differentFiltersAllApplyInAFixedOrder() throws {
        let parameters: [String: [String]] = [
            "in_stock": ["true"],
            "rating_min": ["4"],
            "price_max": ["100"],
            "price_min": ["10.50"],
            "cf_Material": ["Wool"],
            "option_Size": ["S", "M"],
            "option_Color": ["Red"],
            "category": ["7"],
            "brand": ["Acme", "Zed"],
        ]
        let expected = #"(brand = "Acme" or brand = "Zed") and categories contains 7 and option_color contains "Red" and "#
            + #"(option_size contains "S" or option_size contains "M") and cf_material = "Wool" and "#
            + "price >= 10.5 and price <= 100 and rating >= 4 and in_stock = true"
        #expect(try rendered(parameters) == expected)
    }

    @Test func optionNamesThatNormaliseAlikeAreOneFilter() throws {
        let text = try rendered(["option_Size": ["S"], "option_size": ["M", "S"]])
        #expect(text == #"(option_size contains "S" or option_size contains "M")"#)
    }

    @Test func prefixesAreMatchedByScalarsNotCharacters() throws {
        // `_` and a combining mark form one Character; the name after the prefix still normalises to `x`.
        #expect(ShopperFilters.isFilterParameter("option_\u{301}x"))
        #expect(try rendered(["option_\u{301}x": ["1"], "cf_\u{301}y": ["2"]]) == #"option_x contains "1" and cf_y = "2""#)
    }

    @Test func filterParametersAreRecognised() {
        for name in ["brand", "category", "option_Size", "cf_x", "price_min", "price_max", "rating_min", "in_stock"] {
            #expect(ShopperFilters.isFilterParameter(name), "\(name)")
        }
        for name in ["q", "page", "limit", "sort", "storefront", "visitor", "Brand", "options_size"] {
            #expect(!ShopperFilters.isFilterParameter(name), "\(name)")
        }
    }

    @Test func badInputIsAnErrorNamingTheParameter() {
        let cases: [([String: [String]], ShopperFilterError)] = [
            (["q": ["shoes"]], .unknownParameter("q")),
            (["category": ["shoes"]], .notACategoryID(parameter: "category", value: "shoes")),
            (["category": ["0"]], .notACategoryID(parameter: "category", value: "0")),
            (["category": ["-3"]], .notACategoryID(parameter: "category", value: "-3")),
            (["category": ["12", "1.5"]], .notACategoryID(parameter: "category", value: "1.5")),
            (["category": ["99999999999999999999"]], .notACategoryID(parameter: "category", value: "99999999999999999999")),
            (["price_min": ["ten"]], .notANumber(parameter: "price_min", value: "ten")),
            (["price_max": ["1e3"]], .notANumber(parameter: "price_max", value: "1e3")),
            (["price_max": ["-5"]], .notANumber(parameter: "price_max", value: "-5")),
            (["price_min": ["10."]], .notANumber(parameter: "price_min", value: "10.")),
            (["price_min": ["1,5"]], .notANumber(parameter: "price_min", value: "1,5")),
            (["price_min": [" 10"]], .notANumber(parameter: "price_min", value: " 10")),
            (["rating_min": ["nan"]], .notANumber(parameter: "rating_min", value: "nan")),
            (["price_min": [String(repeating: "9", count: 33)]], .notANumber(parameter: "price_min", value: String(repeating: "9", count: 33))),
            (["price_min": ["10", "20"]], .repeated(parameter: "price_min")),
            (["in_stock": ["yes"]], .notABoolean(parameter: "in_stock", value: "yes")),
            (["in_stock": ["true", "false"]], .repeated(parameter: "in_stock")),
            (["option_Цвет": ["red"]], .unusableName(parameter: "option_Цвет")),
            (["cf_": ["x"]], .unusableName(parameter: "cf_")),
            (["price_min": ["20"], "price_max": ["10"]], .emptyPriceRange),
        ]
        for (parameters, expected) in cases {
            let actual = error(parameters)
            #expect(actual == expected, "\(parameters)")
            if let parameter = expected.parameter {
                #expect(actual?.description.contains(parameter) == true, "\(actual?.description ?? "no error")")
            }
        }
        #expect(ShopperFilterError.notANumber(parameter: "price_min", value: "ten").description
            == #"price_min must be a non-negative decimal number such as 10 or 19.99, not "ten""#)
        #expect(ShopperFilterError.notACategoryID(parameter: "category", value: "x\"y").description
            == #"category must be a positive integer category id, not "x\"y""#)
    }

    @Test func lengthsAreCapped() throws {
        let longest = String(repeating: "é", count: ShopperFilters.maxValueLength)
        #expect(try rendered(["brand": [longest]]) == "brand = \"\(longest)\"")
        #expect(error(["brand": [longest + "x"]]) == .valueTooLong(parameter: "brand", limit: 256))
        let name = "option_" + String(repeating: "a", count: 250)
        #expect(error([name: ["x"]]) == .valueTooLong(parameter: name, limit: 256))
        #expect(error([name: ["x"]])?.description.contains("option_aaaa") == true)

        let fifty = (1...50).map(String.init)
        #expect(try rendered(["category": fifty])?.components(separatedBy: " or ").count == 50)
        #expect(error(["category": fifty + ["51"]]) == .tooManyValues(parameter: "category", limit: 50))
        #expect(error(["brand": Array(repeating: "Acme", count: 51)]) == .tooManyValues(parameter: "brand", limit: 50))
        let merged = error(["option_Size": (1...30).map { "a\($0)" }, "option_size": (1...30).map { "b\($0)" }])
        #expect(merged == .tooManyValues(parameter: "option_Size", limit: 50))

        var many: [String: [String]] = [:]
        for index in 1...32 {
            many["cf_field\(index)"] = ["x"]
        }
        #expect(try rendered(many)?.components(separatedBy: " and ").count == 32)
        many["brand"] = ["Acme"]
        #expect(error(many) == .tooManyFilters(limit: 32))
        #expect(ShopperFilterError.tooManyFilters(limit: 32).parameter == nil)
    }
}

#include "domain/rules.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <stdexcept>

namespace tcxd {

namespace embedded {
std::string_view Find(std::string_view name);
}

namespace {

bool Overlaps(const RuleVersion& a, const RuleVersion& b) {
  // [from, to] intervals with open ends.
  bool a_before_b = a.to && b.from && *a.to < *b.from;
  bool b_before_a = b.to && a.from && *b.to < *a.from;
  return !a_before_b && !b_before_a;
}

}  // namespace

Status RuleSet::Add(const std::string& key, RuleVersion version) {
  if (version.from && version.to && *version.to < *version.from) {
    return Error::Invalid(key, Msg::kInvalidDate);
  }
  auto& versions = rules_[key];
  for (const auto& v : versions) {
    if (Overlaps(v, version)) return Error::Invalid(key, Format(Msg::kRuleMissing, key, "chồng lấn"));
  }
  versions.push_back(std::move(version));
  return Status::Ok();
}

Result<RuleVersion> RuleSet::Find(std::string_view key, Date on) const {
  auto it = rules_.find(key);
  if (it != rules_.end()) {
    for (const auto& v : it->second) {
      if ((!v.from || *v.from <= on) && (!v.to || on <= *v.to)) return v;
    }
  }
  return Error::Invalid(std::string(key), Format(Msg::kRuleMissing, key, on.ToString()));
}

namespace {
template <typename T>
Result<T> Typed(const RuleSet& rules, std::string_view key, Date on) {
  auto found = rules.Find(key, on);
  if (!found.ok()) return found.error();
  const auto* v = std::get_if<T>(&found->value);
  if (v == nullptr) return Error::Invalid(std::string(key), Format(Msg::kRuleMalformed, key));
  return *v;
}
}  // namespace

Result<int64_t> RuleSet::FindInt(std::string_view key, Date on) const {
  return Typed<int64_t>(*this, key, on);
}
Result<bool> RuleSet::FindBool(std::string_view key, Date on) const {
  return Typed<bool>(*this, key, on);
}

Result<std::vector<int>> RuleSet::IncreasingInts(std::string_view key, Date on) const {
  auto found = Find(key, on);
  if (!found.ok()) return found.error();
  const auto malformed = [&] { return Error::Invalid(std::string(key), Format(Msg::kRuleMalformed, key)); };
  const auto* text = std::get_if<std::string>(&found->value);
  if (text == nullptr) return malformed();
  std::vector<int> out;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    int v = 0;
    auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (ec != std::errc() || ptr != item.data() + item.size() || v < 1 || (!out.empty() && v <= out.back())) {
      return malformed();
    }
    out.push_back(v);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  if (out.empty()) return malformed();
  return out;
}

int64_t RuleSet::Int(std::string_view key, Date on) const {
  auto v = Find(key, on);
  if (!v.ok() || !std::holds_alternative<int64_t>(v->value)) {
    throw std::logic_error("rule set: no integer rule " + std::string(key) + " on " + on.ToString());
  }
  return std::get<int64_t>(v->value);
}

bool RuleSet::Bool(std::string_view key, Date on) const {
  auto v = Find(key, on);
  if (!v.ok() || !std::holds_alternative<bool>(v->value)) {
    throw std::logic_error("rule set: no boolean rule " + std::string(key) + " on " + on.ToString());
  }
  return std::get<bool>(v->value);
}

std::string RuleSet::String(std::string_view key, Date on) const {
  auto v = Find(key, on);
  if (!v.ok() || !std::holds_alternative<std::string>(v->value)) {
    throw std::logic_error("rule set: no text rule " + std::string(key) + " on " + on.ToString());
  }
  return std::get<std::string>(v->value);
}

std::vector<std::string> RuleSet::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [k, v] : rules_) keys.push_back(k);
  return keys;
}

const std::vector<RuleVersion>& RuleSet::Versions(const std::string& key) const {
  static const std::vector<RuleVersion> kEmpty;
  auto it = rules_.find(key);
  return it == rules_.end() ? kEmpty : it->second;
}

Result<RuleSet> RuleSet::FromJson(std::string_view json) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("rules") || !doc["rules"].is_object()) {
    return Error::Malformed("rules", Msg::kMalformedJson);
  }
  RuleSet set;
  for (const auto& [key, versions] : doc["rules"].items()) {
    if (!versions.is_array()) return Error::Invalid(key, Msg::kWrongType);
    for (const auto& v : versions) {
      RuleVersion rv;
      for (const char* bound : {"from", "to"}) {
        if (v.contains(bound) && !v[bound].is_null()) {
          auto d = v[bound].is_string() ? Date::Parse(v[bound].get<std::string>()) : std::nullopt;
          if (!d) return Error::Invalid(key, Msg::kInvalidDate);
          (std::string_view(bound) == "from" ? rv.from : rv.to) = d;
        }
      }
      const auto& value = v.at("value");
      if (value.is_boolean()) {
        rv.value = value.get<bool>();
      } else if (value.is_number_integer()) {
        rv.value = value.get<int64_t>();
      } else if (value.is_number()) {
        rv.value = value.get<double>();
      } else if (value.is_string()) {
        rv.value = value.get<std::string>();
      } else {
        return Error::Invalid(key, Msg::kWrongType);
      }
      rv.source = v.value("source", "");
      TCXD_RETURN_IF_ERROR(set.Add(key, std::move(rv)));
    }
  }
  return set;
}

const RuleSet& RuleSet::Default() {
  static const RuleSet set = [] {
    auto r = FromJson(embedded::Find("rules/default.json"));
    if (!r.ok()) throw std::logic_error("rules/default.json is invalid: " + r.error().message);
    return std::move(r.value());
  }();
  return set;
}

}  // namespace tcxd

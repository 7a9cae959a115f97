#include "store/search_match.h"

#include <gtest/gtest.h>

namespace tcxd::store {
namespace {

TEST(NameMatchesTest, EveryWordIsAPrefixOfSomeNameWord) {
  EXPECT_TRUE(NameMatches("nguyen van an", "nguyen van an"));
  EXPECT_TRUE(NameMatches("nguyen van anh", "nguyen van an"));
  EXPECT_TRUE(NameMatches("tran van an", "an"));
  EXPECT_TRUE(NameMatches("tran van an", "an tran"));  // any order
  EXPECT_FALSE(NameMatches("tran van an", "nguyen"));
  EXPECT_FALSE(NameMatches("tran van binh", "an"));  // "an" is not a prefix of "van" as a word start
  EXPECT_TRUE(NameMatches("tran van binh", ""));
}

}  // namespace
}  // namespace tcxd::store

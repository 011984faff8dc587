/* test-fields.c — getTableFields and getCodes against a real SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bbh.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

/* getTableFields, getCodes */

static GListModel *
get_fields (Fixture   *f,
            gboolean   system_names,
            GError   **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_table_fields_async (f->client, system_names, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_table_fields_finish (f->client, f->result, NULL, error);
}

static void
assert_field (GListModel *fields,
              guint       position,
              const char *name,
              const char *label)
{
  g_autoptr(BbhTableField) field = g_list_model_get_item (fields, position);

  g_assert_nonnull (field);
  g_assert_cmpstr (bbh_table_field_get_name (field), ==, name);
  g_assert_cmpstr (bbh_table_field_get_label (field), ==, label);
}

static void
test_table_fields (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(BbhTableField) field = NULL;
  g_autofree char *visible = NULL;
  BbhTestRequest *req;

  /* Rows: every member kept; a row without a field name is skipped. */
  bbh_test_server_queue_json (f->server, "getTableFields",
                              "{\"code\":0,\"rows\":[{\"fieldName\":\"custName\",\"chineseName\":\"联系人\","
                              "\"isShow\":\"1\"},{\"field\":\"custOther1\",\"name\":\"微信号\"},"
                              "{\"name\":\"custOther2\"},{\"chineseName\":\"无名\"}]}");
  fields = get_fields (f, FALSE, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "GET");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getTableFields");
  g_assert_cmpstr (bbh_test_param (req, "chinesename"), ==, "0");
  g_assert_cmpuint (g_list_model_get_n_items (fields), ==, 3);
  assert_field (fields, 0, "custName", "联系人");
  assert_field (fields, 1, "custOther1", "微信号");
  assert_field (fields, 2, "custOther2", "custOther2");
  field = g_list_model_get_item (fields, 0);
  visible = bbh_table_field_dup_field (field, "isShow");
  g_assert_cmpstr (visible, ==, "1");
  g_clear_object (&field);
  g_clear_object (&fields);

  /* A map of name to label, under data or as the answer itself. */
  bbh_test_server_queue_json (f->server, "getTableFields",
                              "{\"code\":0,\"data\":{\"custName\":\"姓名\",\"custOther1\":\"微信号\"}}");
  fields = get_fields (f, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_test_param (bbh_test_server_get_last (f->server), "chinesename"), ==, "1");
  g_assert_cmpuint (g_list_model_get_n_items (fields), ==, 2);
  assert_field (fields, 0, "custName", "姓名");
  assert_field (fields, 1, "custOther1", "微信号");
  g_clear_object (&fields);

  bbh_test_server_queue_json (f->server, "getTableFields",
                              "{\"code\":0,\"success\":true,\"custCorpName\":\"单位\",\"custQQ\":\"微信\"}");
  fields = get_fields (f, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (fields), ==, 2);
  assert_field (fields, 0, "custCorpName", "单位");
  assert_field (fields, 1, "custQQ", "微信");
  g_clear_object (&fields);

  bbh_test_server_queue_json (f->server, "getTableFields", "{\"code\":-5}");
  fields = get_fields (f, FALSE, &error);
  g_assert_null (fields);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
}

static GListModel *
get_codes (Fixture     *f,
           const char  *code_type,
           guint64     *total,
           GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_codes_async (f->client, code_type, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_codes_finish (f->client, f->result, total, error);
}

static void
test_codes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = NULL;
  g_autoptr(BbhCode) code = NULL;
  g_autofree char *sort = NULL;
  BbhTestRequest *req;
  guint64 total = 0;

  bbh_test_server_queue_json (f->server, "getCodes",
                              "{\"code\":0,\"ROWS\":[{\"codeType\":\"custStatus\",\"codeValue\":1,"
                              "\"codeName\":\"意向客户\",\"codeSort\":\"2\"},"
                              "{\"value\":\"2\",\"text\":\"成交客户\"},{\"other\":1}]}");
  codes = get_codes (f, "custStatus", &total, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "GET");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getCodes");
  g_assert_cmpstr (bbh_test_param (req, "codeType"), ==, "custStatus");
  g_assert_cmpuint (g_list_model_get_n_items (codes), ==, 2);
  g_assert_cmpuint (total, ==, 2);
  code = g_list_model_get_item (codes, 0);
  g_assert_cmpstr (bbh_code_get_value (code), ==, "1");
  g_assert_cmpstr (bbh_code_get_text (code), ==, "意向客户");
  g_assert_cmpstr (bbh_code_get_code_type (code), ==, "custStatus");
  sort = bbh_code_dup_field (code, "codeSort");
  g_assert_cmpstr (sort, ==, "2");
  g_clear_object (&code);
  code = g_list_model_get_item (codes, 1);
  g_assert_cmpstr (bbh_code_get_value (code), ==, "2");
  g_assert_cmpstr (bbh_code_get_text (code), ==, "成交客户");
  g_assert_null (bbh_code_get_code_type (code));
  g_clear_object (&codes);
  g_assert_finalize_object (g_steal_pointer (&code));

  bbh_test_server_queue_json (f->server, "getCodes",
                              "{\"success\":true,\"rows\":[{\"codeValue\":\"A\",\"codeName\":\"甲\"}]}");
  codes = get_codes (f, "custType", &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (codes), ==, 1);
  g_clear_object (&codes);

  bbh_test_server_queue_json (f->server, "getCodes", "{\"code\":0,\"ROWS\":null}");
  codes = get_codes (f, "custType", &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (codes), ==, 0);
  g_assert_cmpuint (total, ==, 0);
  g_clear_object (&codes);

  codes = get_codes (f, "", &total, &error);
  g_assert_null (codes);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/fields/table-fields", test_table_fields);
  ADD ("/agent/fields/codes", test_codes);
#undef ADD

  return g_test_run ();
}

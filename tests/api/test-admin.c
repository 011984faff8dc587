/* test-admin.c — administration methods against a real SoupServer: agents, caller ID, and
 * every method's permission answer (channels and the blacklist: test-admin-lists.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bbh.h"
#include "bbh-client-private.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

/* ---- getExtensions ---- */

static GListModel *
get_extensions (Fixture  *f,
                guint64  *total,
                GError  **error)
{
  bbh_client_get_extensions_async (f->client, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_extensions_finish (f->client, f->result, total, error);
}

static void
test_get_extensions_all_fields (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) agents = NULL;
  g_autoptr(BbhAgent) a = NULL;
  g_autoptr(BbhAgent) b = NULL;
  g_autofree char *name = NULL;
  gint64 id = 0;
  guint64 total = 0;

  /* The first row has every member, numbers as strings and the id above 2^53; the second
   * only the three the document lists in 2.1.2. */
  bbh_test_server_queue_json (f->server, "getExtensions",
    "{\"code\":\"0\",\"extension\":["
    "{\"exteId\":\"9007199254740993\",\"exteExtension\":\"801\",\"exteName\":\"张三\","
    "\"exteMobile\":\"13800138000\",\"exteinMobileRule\":\"1\",\"statustext\":\"空闲\","
    "\"exteStatus\":\"2\",\"exteIsRecord\":1,\"exteLoginType\":\"4\",\"exte_deptId\":\"12\","
    "\"exteMemo\":\"备注一\",\"exteMemo2\":\"备注二\",\"exteMemo3\":\"m3\",\"exteMemo4\":\"m4\","
    "\"exteMemo5\":\"m5\",\"exteLoginName\":\"zhangsan\",\"exte_shpId\":\"7687658987667780097\","
    "\"exte_transfer_shpId\":33,\"exteIsApp\":\"0\"},"
    "{\"exteName\":\"李四\",\"exteExtension\":802,\"exteMobile\":null}]}");

  agents = get_extensions (f, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, 2);
  g_assert_cmpuint (total, ==, 2);
  g_assert_true (g_list_model_get_item_type (agents) == BBH_TYPE_AGENT);

  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "getExtensions", NULL);

  a = g_list_model_get_item (agents, 0);
  g_assert_cmpint (bbh_agent_get_id (a), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (bbh_agent_get_extension (a), ==, "801");
  g_assert_cmpstr (bbh_agent_get_name (a), ==, "张三");
  g_assert_cmpstr (bbh_agent_get_mobile (a), ==, "13800138000");
  g_assert_cmpint (bbh_agent_get_mobile_rule (a), ==, 1);
  g_assert_cmpstr (bbh_agent_get_status_text (a), ==, "空闲");
  g_assert_cmpint (bbh_agent_get_status (a), ==, BBH_AGENT_STATUS_ADMIN);
  g_assert_true (bbh_agent_get_is_admin (a));
  g_assert_cmpint (bbh_agent_get_is_record (a), ==, 1);
  g_assert_cmpint (bbh_agent_get_login_type (a), ==, BBH_LOGIN_TYPE_SIP_PHONE);
  g_assert_cmpint (bbh_agent_get_department_id (a), ==, 12);
  g_assert_cmpstr (bbh_agent_get_memo (a, 1), ==, "备注一");
  g_assert_cmpstr (bbh_agent_get_memo (a, 2), ==, "备注二");
  g_assert_cmpstr (bbh_agent_get_memo (a, 3), ==, "m3");
  g_assert_cmpstr (bbh_agent_get_memo (a, 4), ==, "m4");
  g_assert_cmpstr (bbh_agent_get_memo (a, 5), ==, "m5");
  g_assert_cmpstr (bbh_agent_get_login_name (a), ==, "zhangsan");
  g_assert_cmpint (bbh_agent_get_shp_id (a), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpint (bbh_agent_get_transfer_shp_id (a), ==, 33);
  g_assert_cmpint (bbh_agent_get_is_app (a), ==, 0);

  /* Properties carry the same values, for list views that bind them. */
  g_object_get (a, "name", &name, "id", &id, NULL);
  g_assert_cmpstr (name, ==, "张三");
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (9007199254740993));

  b = g_list_model_get_item (agents, 1);
  g_assert_cmpint (bbh_agent_get_id (b), ==, 0);
  g_assert_cmpstr (bbh_agent_get_extension (b), ==, "802");
  g_assert_cmpstr (bbh_agent_get_name (b), ==, "李四");
  g_assert_null (bbh_agent_get_mobile (b));
  /* Not sent: unknown, not "ordinary agent". */
  g_assert_cmpint (bbh_agent_get_status (b), ==, -1);
  g_assert_false (bbh_agent_get_is_admin (b));
  g_assert_cmpint (bbh_agent_get_login_type (b), ==, -1);
  g_assert_null (bbh_agent_get_memo (b, 1));
}

typedef struct
{
  const char *name;
  const char *body;
  guint       n;
  guint64     total;
  const char *first_name;
} Shape;

static const Shape extension_shapes[] = {
  /* The document's "Map": an object of rows keyed by id. */
  { "map", "{\"code\":0,\"extension\":{\"11\":{\"exteId\":11,\"exteName\":\"甲\",\"exteExtension\":\"801\"},"
           "\"12\":{\"exteId\":12,\"exteName\":\"乙\",\"exteExtension\":\"802\"}}}", 2, 2, "甲" },
  { "rows", "{\"code\":0,\"total\":\"40\",\"rows\":[{\"exteId\":\"5\",\"exteName\":\"丙\"}]}", 1, 40, "丙" },
  { "data", "{\"code\":0,\"data\":[{\"exteId\":6,\"exteName\":\"丁\"},{\"exteId\":7}]}", 2, 2, "丁" },
  { "extensions", "{\"code\":0,\"extensions\":[{\"exteId\":8,\"exteName\":\"戊\"}]}", 1, 1, "戊" },
  { "data-map", "{\"code\":0,\"data\":{\"a\":{\"exteId\":9,\"exteName\":\"己\"}}}", 1, 1, "己" },
  { "single", "{\"code\":0,\"extension\":{\"exteId\":10,\"exteName\":\"庚\"}}", 1, 1, "庚" },
  /* One row with an object member is still one row, not a map. */
  { "single-nested", "{\"code\":0,\"extension\":{\"exteId\":10,\"exteName\":\"壬\",\"dept\":{\"id\":1}}}", 1, 1, "壬" },
  { "null", "{\"code\":0,\"extension\":null}", 0, 0, NULL },
  { "missing", "{\"code\":0}", 0, 0, NULL },
  { "empty", "{\"code\":0,\"rows\":[]}", 0, 0, NULL },
  /* Rows that are not agents (no id, no extension) are skipped, not shown as blanks. */
  { "junk", "{\"code\":0,\"rows\":[1,\"x\",{\"foo\":1},{\"exteId\":3,\"exteName\":\"辛\"}]}", 1, 1, "辛" },
};

static void
test_get_extensions_shapes (Fixture       *f,
                            gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (extension_shapes); i++)
    {
      const Shape *s = &extension_shapes[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) agents = NULL;
      guint64 total = 99;

      g_test_message ("shape %s", s->name);
      bbh_test_server_queue_json (f->server, "getExtensions", s->body);
      agents = get_extensions (f, &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (agents), ==, s->n);
      g_assert_cmpuint (total, ==, s->total);
      if (s->first_name != NULL)
        {
          g_autoptr(BbhAgent) first = g_list_model_get_item (agents, 0);

          g_assert_cmpstr (bbh_agent_get_name (first), ==, s->first_name);
        }
    }
}

/* ---- registerExtension ---- */

static BbhAgentAccount *
register_extension (Fixture  *f,
                    GError  **error)
{
  bbh_client_register_extension_async (f->client, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_register_extension_finish (f->client, f->result, error);
}

static void
test_register_extension (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhAgentAccount) account = NULL;

  bbh_test_server_queue_json (f->server, "registerExtension",
                              "{\"code\":0,\"message\":\"\",\"extension\":100008803,\"password\":\"a1b2c3\"}");
  account = register_extension (f, &error);
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "registerExtension", NULL);
  /* A number on the wire, text to us. */
  g_assert_cmpstr (bbh_agent_account_get_extension (account), ==, "100008803");
  g_assert_cmpstr (bbh_agent_account_get_password (account), ==, "a1b2c3");
  g_clear_object (&account);

  /* Success without the new account is not a success the administrator can use. */
  bbh_test_server_queue_json (f->server, "registerExtension", "{\"code\":0}");
  account = register_extension (f, &error);
  g_assert_null (account);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "agent list"));
}

/* ---- addExtension / editExtension ---- */

static gboolean
add_extension (Fixture       *f,
               BbhAgentEdit  *edit,
               gint64        *id,
               GError       **error)
{
  bbh_client_add_extension_async (f->client, edit, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_add_extension_finish (f->client, f->result, id, error);
}

static gboolean
edit_extension (Fixture       *f,
                BbhAgentEdit  *edit,
                GError       **error)
{
  bbh_client_edit_extension_async (f->client, edit, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_edit_extension_finish (f->client, f->result, error);
}

static void
fill_every_field (BbhAgentEdit *edit)
{
  bbh_agent_edit_set_extension (edit, "805");
  bbh_agent_edit_set_name (edit, "王五 & 赵六");
  bbh_agent_edit_set_password (edit, "p@ss=word 1");
  bbh_agent_edit_set_department_id (edit, G_GINT64_CONSTANT (9007199254740995));
  bbh_agent_edit_set_mobile (edit, "13912345678");
  bbh_agent_edit_set_transfer_to_mobile (edit, TRUE);
  bbh_agent_edit_set_status (edit, BBH_AGENT_STATUS_STAFF);
  bbh_agent_edit_set_record (edit, TRUE);
  bbh_agent_edit_set_memo (edit, 1, "第一条备注");
  bbh_agent_edit_set_memo (edit, 2, "memo 2");
  bbh_agent_edit_set_memo (edit, 3, "memo 3");
  bbh_agent_edit_set_memo (edit, 4, "memo 4");
  bbh_agent_edit_set_memo (edit, 5, "memo 5");
  bbh_agent_edit_set_login_name (edit, "wangwu");
  bbh_agent_edit_set_login_type (edit, BBH_LOGIN_TYPE_APP);
  bbh_agent_edit_set_transfer_shp_id (edit, 77);
  bbh_agent_edit_set_app_allowed (edit, FALSE);
  bbh_agent_edit_set_shp_id (edit, G_GINT64_CONSTANT (7687658987667780097));
}

static void
test_add_extension_every_field (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhAgentEdit) edit = bbh_agent_edit_new ();
  BbhTestRequest *req;
  gint64 id = 0;

  fill_every_field (edit);
  bbh_test_server_queue_json (f->server, "addExtension",
                              "{\"code\":0,\"exteId\":\"9007199254740997\"}");
  g_assert_true (add_extension (f, edit, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (9007199254740997));

  req = bbh_test_server_get_last (f->server);
  /* The password is in clear: it goes in a form body, never in a URL. */
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_null (req->query);
  bbh_test_assert_admin_params (req, "addExtension",
                                "exteExtension", "805",
                                "exteName", "王五 & 赵六",
                                "extePassword", "p@ss=word 1",
                                "exte_deptId", "9007199254740995",
                                "exteMobile", "13912345678",
                                "exteinMobileRule", "1",
                                "exteStatus", "9",
                                "exteIsRecord", "1",
                                "exteMemo", "第一条备注",
                                "exteMemo2", "memo 2",
                                "exteMemo3", "memo 3",
                                "exteMemo4", "memo 4",
                                "exteMemo5", "memo 5",
                                "exteLoginName", "wangwu",
                                "exteLoginType", "2",
                                "exte_transfer_shpId", "77",
                                "exteIsApp", "0",
                                "exte_shpId", "7687658987667780097",
                                NULL);
}

static void
test_add_extension_minimal (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhAgentEdit) edit = bbh_agent_edit_new ();
  gint64 id = -1;

  /* Boundaries are valid; surrounding spaces from an entry are dropped. */
  bbh_agent_edit_set_extension (edit, " 400 ");
  bbh_agent_edit_set_name (edit, "新人");
  bbh_test_server_queue_json (f->server, "addExtension", "{\"code\":0,\"data\":{\"exteId\":41}}");
  g_assert_true (add_extension (f, edit, &id, &error));
  g_assert_cmpint (id, ==, 41);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "addExtension",
                                "exteExtension", "400", "exteName", "新人", NULL);

  bbh_agent_edit_set_extension (edit, "899");
  bbh_test_server_queue_json (f->server, "addExtension", "{\"code\":0}");
  g_assert_true (add_extension (f, edit, &id, &error));
  g_assert_no_error (error);
  /* Success without an id: created, id unknown. */
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpstr (bbh_test_param (bbh_test_server_get_last (f->server), "exteExtension"), ==, "899");
}

static void
test_edit_extension (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhAgentEdit) edit = bbh_agent_edit_new_for_id (G_GINT64_CONSTANT (9007199254740993));

  /* Only what was touched is sent: a rename keeps the password, mobile and role. */
  bbh_agent_edit_set_name (edit, "张三丰");
  bbh_agent_edit_set_mobile (edit, "");
  bbh_agent_edit_set_status (edit, BBH_AGENT_STATUS_DISABLED);
  bbh_agent_edit_set_memo (edit, 3, "");
  g_assert_true (edit_extension (f, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_test_server_get_last (f->server)->http_method, ==, "POST");
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "editExtension",
                                "exteId", "9007199254740993",
                                "exteName", "张三丰",
                                "exteMobile", "",
                                "exteStatus", "1",
                                "exteMemo3", "",
                                NULL);

  /* Every field can be changed. */
  g_clear_object (&edit);
  edit = bbh_agent_edit_new_for_id (5);
  fill_every_field (edit);
  g_assert_true (edit_extension (f, edit, &error));
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "editExtension",
                                "exteId", "5",
                                "exteExtension", "805",
                                "exteName", "王五 & 赵六",
                                "extePassword", "p@ss=word 1",
                                "exte_deptId", "9007199254740995",
                                "exteMobile", "13912345678",
                                "exteinMobileRule", "1",
                                "exteStatus", "9",
                                "exteIsRecord", "1",
                                "exteMemo", "第一条备注",
                                "exteMemo2", "memo 2",
                                "exteMemo3", "memo 3",
                                "exteMemo4", "memo 4",
                                "exteMemo5", "memo 5",
                                "exteLoginName", "wangwu",
                                "exteLoginType", "2",
                                "exte_transfer_shpId", "77",
                                "exteIsApp", "0",
                                "exte_shpId", "7687658987667780097",
                                NULL);

  /* The server's refusal reaches the administrator in words. */
  bbh_test_server_queue_json (f->server, "editExtension", "{\"code\":-10,\"message\":\"坐席号已存在\"}");
  g_assert_false (edit_extension (f, edit, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, bbh_error_describe (BBH_ERROR_EXISTS));
}

typedef struct
{
  const char *name;
  gboolean    for_edit;
  void      (*set) (BbhAgentEdit *edit);
  const char *words;   /* a fragment the message must contain */
} BadEdit;

static void set_399 (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, "399"); }
static void set_900 (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, "900"); }
static void set_letters (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, "8o1"); }
static void set_negative (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, "-500"); }
static void set_empty_extension (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, ""); }
static void set_nothing (BbhAgentEdit *e) { }
static void set_name_only (BbhAgentEdit *e) { bbh_agent_edit_set_name (e, "某人"); }
static void set_blank_name (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, "801"); bbh_agent_edit_set_name (e, "  "); }
static void set_empty_password (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, "801"); bbh_agent_edit_set_password (e, ""); }
static void set_bad_mobile (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, "801"); bbh_agent_edit_set_mobile (e, "138-0013"); }
static void set_bad_status (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, "801"); bbh_agent_edit_set_status (e, 3); }
static void set_bad_login_type (BbhAgentEdit *e) { bbh_agent_edit_set_extension (e, "801"); bbh_agent_edit_set_login_type (e, 3); }

static const BadEdit bad_edits[] = {
  { "399", FALSE, set_399, "400 to 899" },
  { "900", FALSE, set_900, "400 to 899" },
  { "edit-399", TRUE, set_399, "400 to 899" },
  { "edit-900", TRUE, set_900, "400 to 899" },
  { "letters", FALSE, set_letters, "“8o1”" },
  { "negative", FALSE, set_negative, "400 to 899" },
  { "empty-extension", FALSE, set_empty_extension, "400 to 899" },
  { "add-without-extension", FALSE, set_name_only, "extension" },
  { "edit-nothing", TRUE, set_nothing, "Nothing" },
  { "blank-name", FALSE, set_blank_name, "name" },
  { "empty-password", FALSE, set_empty_password, "password" },
  { "bad-mobile", FALSE, set_bad_mobile, "mobile number" },
  { "bad-status", FALSE, set_bad_status, "administrator" },
  { "bad-login-type", FALSE, set_bad_login_type, "SIP" },
};

static void
test_agent_edit_rejected (Fixture       *f,
                          gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_edits); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BbhAgentEdit) edit = bbh_agent_edit_new ();
      gboolean ok;

      g_test_message ("bad edit %s", bad_edits[i].name);
      if (bad_edits[i].for_edit)
        bbh_agent_edit_set_id (edit, 12);
      bad_edits[i].set (edit);
      if (bad_edits[i].for_edit)
        ok = edit_extension (f, edit, &error);
      else
        ok = add_extension (f, edit, NULL, &error);
      g_assert_false (ok);
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad_edits[i].words));
    }

  /* Editing needs to know whom. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BbhAgentEdit) edit = bbh_agent_edit_new ();

    bbh_agent_edit_set_name (edit, "无名");
    g_assert_false (edit_extension (f, edit, &error));
    g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "agent"));
  }

  /* Nothing reached the server. */
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

/* ---- delExtension / initExtensionPassword ---- */

static gboolean
del_extension (Fixture  *f,
               gint64    id,
               GError  **error)
{
  bbh_client_del_extension_async (f->client, id, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_del_extension_finish (f->client, f->result, error);
}

static char *
init_password (Fixture  *f,
               gint64    id,
               GError  **error)
{
  bbh_client_init_extension_password_async (f->client, id, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_init_extension_password_finish (f->client, f->result, error);
}

static void
test_del_extension (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (del_extension (f, G_GINT64_CONSTANT (9007199254740993), &error));
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "delExtension",
                                "exteId", "9007199254740993", NULL);

  bbh_test_server_queue_json (f->server, "delExtension", "{\"code\":\"-11\",\"message\":\"数据不存在\"}");
  g_assert_false (del_extension (f, 4, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "deleted"));
  g_clear_error (&error);

  g_assert_false (del_extension (f, 0, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 2);
}

static void
test_init_extension_password (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  bbh_test_server_queue_json (f->server, "initExtensionPassword",
                              "{\"code\":0,\"message\":\"\",\"password\":\"839201\"}");
  password = init_password (f, 31, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "839201");
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "initExtensionPassword",
                                "exteId", "31", NULL);
  g_clear_pointer (&password, g_free);

  /* A number-only password arrives as a JSON number. */
  bbh_test_server_queue_json (f->server, "initExtensionPassword", "{\"code\":0,\"password\":123456}");
  password = init_password (f, 31, &error);
  g_assert_cmpstr (password, ==, "123456");
  g_clear_pointer (&password, g_free);

  bbh_test_server_queue_json (f->server, "initExtensionPassword", "{\"code\":0,\"password\":null}");
  password = init_password (f, 31, &error);
  g_assert_null (password);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "new one"));
  g_clear_error (&error);

  password = init_password (f, -3, &error);
  g_assert_null (password);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 3);
}

/* ---- setShowPhone ---- */

static gboolean
set_show_phone (Fixture     *f,
                const char  *extension,
                const char  *phone,
                GError     **error)
{
  bbh_client_set_show_phone_async (f->client, extension, phone, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_set_show_phone_finish (f->client, f->result, error);
}

static void
test_set_show_phone (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (set_show_phone (f, "801", "02367073578", &error));
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "setShowPhone",
                                "extension", "801", "phone", "02367073578", NULL);

  g_assert_false (set_show_phone (f, "801", "023-6707", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "caller ID number"));
  g_clear_error (&error);

  g_assert_false (set_show_phone (f, "801", "", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (set_show_phone (f, "八〇一", "02367073578", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "extension"));
  g_clear_error (&error);

  g_assert_false (set_show_phone (f, NULL, "02367073578", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 1);
}

/* ---- every method: the -5 answer ---- */

typedef struct
{
  const char *method;
  void      (*start) (Fixture *f);
  gboolean  (*finish) (Fixture *f, GError **error);
} MethodCase;

static void
start_get_extensions (Fixture *f)
{
  bbh_client_get_extensions_async (f->client, NULL, bbh_test_on_result, f);
}

static gboolean
finish_get_extensions (Fixture *f, GError **error)
{
  g_autoptr(GListModel) model = bbh_client_get_extensions_finish (f->client, f->result, NULL, error);
  return model != NULL;
}

static void
start_register (Fixture *f)
{
  bbh_client_register_extension_async (f->client, NULL, bbh_test_on_result, f);
}

static gboolean
finish_register (Fixture *f, GError **error)
{
  g_autoptr(BbhAgentAccount) a = bbh_client_register_extension_finish (f->client, f->result, error);
  return a != NULL;
}

static void
start_add (Fixture *f)
{
  g_autoptr(BbhAgentEdit) edit = bbh_agent_edit_new ();

  bbh_agent_edit_set_extension (edit, "801");
  bbh_client_add_extension_async (f->client, edit, NULL, bbh_test_on_result, f);
}

static gboolean
finish_add (Fixture *f, GError **error)
{
  return bbh_client_add_extension_finish (f->client, f->result, NULL, error);
}

static void
start_edit (Fixture *f)
{
  g_autoptr(BbhAgentEdit) edit = bbh_agent_edit_new_for_id (3);

  bbh_agent_edit_set_name (edit, "x");
  bbh_client_edit_extension_async (f->client, edit, NULL, bbh_test_on_result, f);
}

static gboolean
finish_edit (Fixture *f, GError **error)
{
  return bbh_client_edit_extension_finish (f->client, f->result, error);
}

static void
start_del (Fixture *f)
{
  bbh_client_del_extension_async (f->client, 3, NULL, bbh_test_on_result, f);
}

static gboolean
finish_del (Fixture *f, GError **error)
{
  return bbh_client_del_extension_finish (f->client, f->result, error);
}

static void
start_init_password (Fixture *f)
{
  bbh_client_init_extension_password_async (f->client, 3, NULL, bbh_test_on_result, f);
}

static gboolean
finish_init_password (Fixture *f, GError **error)
{
  g_autofree char *p = bbh_client_init_extension_password_finish (f->client, f->result, error);
  return p != NULL;
}

static void
start_show_phone (Fixture *f)
{
  bbh_client_set_show_phone_async (f->client, "801", "02367073578", NULL, bbh_test_on_result, f);
}

static gboolean
finish_show_phone (Fixture *f, GError **error)
{
  return bbh_client_set_show_phone_finish (f->client, f->result, error);
}

static void
start_system_channels (Fixture *f)
{
  bbh_client_system_channels_async (f->client, NULL, NULL, bbh_test_on_result, f);
}

static gboolean
finish_system_channels (Fixture *f, GError **error)
{
  g_autoptr(BbhChannelStats) s = bbh_client_system_channels_finish (f->client, f->result, error);
  return s != NULL;
}

static void
start_channel_list (Fixture *f)
{
  bbh_client_get_channel_list_async (f->client, TRUE, NULL, bbh_test_on_result, f);
}

static gboolean
finish_channel_list (Fixture *f, GError **error)
{
  g_autoptr(GListModel) m = bbh_client_get_channel_list_finish (f->client, f->result, NULL, error);
  return m != NULL;
}

static const char * const some_phones[] = { "13002300000", NULL };

static void
start_add_blacklists (Fixture *f)
{
  bbh_client_add_blacklists_async (f->client, some_phones, NULL, bbh_test_on_result, f);
}

static gboolean
finish_add_blacklists (Fixture *f, GError **error)
{
  return bbh_client_add_blacklists_finish (f->client, f->result, error);
}

static void
start_del_blacklists (Fixture *f)
{
  bbh_client_del_blacklists_async (f->client, some_phones, NULL, bbh_test_on_result, f);
}

static gboolean
finish_del_blacklists (Fixture *f, GError **error)
{
  return bbh_client_del_blacklists_finish (f->client, f->result, error);
}

static void
start_get_blacklists (Fixture *f)
{
  bbh_client_get_blacklists_async (f->client, NULL, bbh_test_on_result, f);
}

static gboolean
finish_get_blacklists (Fixture *f, GError **error)
{
  g_autoptr(GListModel) m = bbh_client_get_blacklists_finish (f->client, f->result, NULL, error);
  return m != NULL;
}

static const MethodCase method_cases[] = {
  { "getExtensions", start_get_extensions, finish_get_extensions },
  { "registerExtension", start_register, finish_register },
  { "addExtension", start_add, finish_add },
  { "editExtension", start_edit, finish_edit },
  { "delExtension", start_del, finish_del },
  { "initExtensionPassword", start_init_password, finish_init_password },
  { "setShowPhone", start_show_phone, finish_show_phone },
  { "systemChannels", start_system_channels, finish_system_channels },
  { "getChannelList", start_channel_list, finish_channel_list },
  { "addBlacklists", start_add_blacklists, finish_add_blacklists },
  { "delBlacklists", start_del_blacklists, finish_del_blacklists },
  { "getBlacklists", start_get_blacklists, finish_get_blacklists },
};

static void
test_permission_denied (Fixture       *f,
                        gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (method_cases); i++)
    {
      const MethodCase *c = &method_cases[i];
      g_autoptr(GError) error = NULL;

      g_test_message ("method %s", c->method);
      /* Code as text, with the server's Chinese message: the agent reads our words. */
      bbh_test_server_queue_json (f->server, c->method, "{\"code\":\"-5\",\"message\":\"没有权限\"}");
      bbh_test_fixture_reset (f);
      c->start (f);
      bbh_test_fixture_wait_result (f);
      g_assert_false (c->finish (f, &error));
      g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
      g_assert_nonnull (strstr (error->message, "administrator"));
      g_assert_cmpstr (bbh_test_param (bbh_test_server_get_last (f->server), "method"), ==, c->method);
    }
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, G_N_ELEMENTS (method_cases));
}

static void
test_describe (void)
{
  g_assert_cmpstr (bbh_agent_describe_status (BBH_AGENT_STATUS_ADMIN), ==, "Administrator");
  g_assert_cmpstr (bbh_agent_describe_status (BBH_AGENT_STATUS_DISABLED), ==, "Disabled");
  g_assert_cmpstr (bbh_agent_describe_status (BBH_AGENT_STATUS_STAFF), ==, "Staff, not an agent");
  g_assert_cmpstr (bbh_agent_describe_status (7), ==, "Unknown role");
  g_assert_cmpstr (bbh_agent_describe_login_type (BBH_LOGIN_TYPE_USB_BOX), ==, "USB phone box");
  g_assert_cmpstr (bbh_agent_describe_login_type (BBH_LOGIN_TYPE_SIP_PHONE), ==, "SIP desk phone");
}

int
main (int   argc,
      char *argv[])
{
  /* Server times are wall-clock text: read them in a fixed zone, as an agent in China would. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agent/admin/describe", test_describe);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up_admin, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/admin/get-extensions/all-fields", test_get_extensions_all_fields);
  ADD ("/agent/admin/get-extensions/shapes", test_get_extensions_shapes);
  ADD ("/agent/admin/register-extension", test_register_extension);
  ADD ("/agent/admin/add-extension/every-field", test_add_extension_every_field);
  ADD ("/agent/admin/add-extension/minimal", test_add_extension_minimal);
  ADD ("/agent/admin/edit-extension", test_edit_extension);
  ADD ("/agent/admin/agent-edit/rejected", test_agent_edit_rejected);
  ADD ("/agent/admin/del-extension", test_del_extension);
  ADD ("/agent/admin/init-extension-password", test_init_extension_password);
  ADD ("/agent/admin/set-show-phone", test_set_show_phone);
  ADD ("/agent/admin/permission-denied", test_permission_denied);
#undef ADD

  return g_test_run ();
}

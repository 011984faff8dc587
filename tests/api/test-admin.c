/* test-admin.c — administration methods against a real SoupServer: agents, caller ID,
 * channels, the waiting queue and the blacklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bbh.h"
#include "bbh-client-private.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

/* The request carries exactly the authentication, the method and @expected (NULL-terminated
 * name/value pairs) — nothing else, so an unset field is provably not sent. */
static void
assert_params_exactly (BbhTestRequest *req,
                       const char     *method,
                       ...)
{
  va_list args;
  const char *name;
  guint n = 3;

  g_assert_cmpstr (bbh_test_param (req, "method"), ==, method);
  g_assert_cmpstr (bbh_test_param (req, "sa_user"), ==, "100008899");
  g_assert_nonnull (bbh_test_param (req, "sa_password"));

  va_start (args, method);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_test_message ("param %s", name);
      g_assert_cmpstr (bbh_test_param (req, name), ==, value);
      n++;
    }
  va_end (args);

  if (g_hash_table_size (req->params) != n)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, req->params);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_test_message ("sent %s=%s", (char *) k, (char *) v);
    }
  g_assert_cmpuint (g_hash_table_size (req->params), ==, n);
}

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

  assert_params_exactly (bbh_test_server_get_last (f->server), "getExtensions", NULL);

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
  assert_params_exactly (bbh_test_server_get_last (f->server), "registerExtension", NULL);
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
  assert_params_exactly (req, "addExtension",
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
  assert_params_exactly (bbh_test_server_get_last (f->server), "addExtension",
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
  assert_params_exactly (bbh_test_server_get_last (f->server), "editExtension",
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
  assert_params_exactly (bbh_test_server_get_last (f->server), "editExtension",
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
  assert_params_exactly (bbh_test_server_get_last (f->server), "delExtension",
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
  assert_params_exactly (bbh_test_server_get_last (f->server), "initExtensionPassword",
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
  assert_params_exactly (bbh_test_server_get_last (f->server), "setShowPhone",
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

/* ---- systemChannels ---- */

static BbhChannelStats *
system_channels (Fixture     *f,
                 const char  *company,
                 GError     **error)
{
  bbh_client_system_channels_async (f->client, company, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_system_channels_finish (f->client, f->result, error);
}

static void
test_system_channels (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhChannelStats) stats = NULL;
  g_autoptr(BbhChannelInfo) first = NULL;
  g_autoptr(BbhChannelInfo) second = NULL;
  const char * const *names;
  GListModel *channels;

  bbh_test_server_queue_json (f->server, "systemChannels",
    "{\"code\":0,\"message\":\"\",\"totalNum\":\"30\",\"totalGroupCallNum\":10,"
    "\"useGroupCallNum\":\"4\",\"useAgiCallNum\":7,\"channelNum\":\"20\","
    "\"channelviewinfo\":[{\"channel\":\"SIP/801-00000a1\",\"state\":\"通话中\",\"callerid\":\"13800138000\","
    "\"duration\":125,\"extra\":null,\"queue\":{\"id\":\"9007199254740993\"}},"
    "{\"channel\":\"SIP/802-00000a2\",\"busy\":true}]}");
  stats = system_channels (f, "100008", &error);
  g_assert_no_error (error);
  assert_params_exactly (bbh_test_server_get_last (f->server), "systemChannels",
                         "CompNumber", "100008", NULL);

  g_assert_cmpint (bbh_channel_stats_get_total_channels (stats), ==, 30);
  g_assert_cmpint (bbh_channel_stats_get_group_call_channels (stats), ==, 10);
  g_assert_cmpint (bbh_channel_stats_get_used_group_call (stats), ==, 4);
  g_assert_cmpint (bbh_channel_stats_get_used_normal (stats), ==, 7);
  g_assert_cmpint (bbh_channel_stats_get_normal_channels (stats), ==, 20);

  channels = bbh_channel_stats_get_channels (stats);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 2);
  first = g_list_model_get_item (channels, 0);
  names = bbh_channel_info_get_member_names (first);
  /* In the server's order; the null member is left out. */
  g_assert_cmpuint (g_strv_length ((GStrv) names), ==, 5);
  g_assert_cmpstr (names[0], ==, "channel");
  g_assert_cmpstr (names[4], ==, "queue");
  g_assert_cmpstr (bbh_channel_info_get_member (first, "channel"), ==, "SIP/801-00000a1");
  g_assert_cmpstr (bbh_channel_info_get_member (first, "state"), ==, "通话中");
  g_assert_cmpstr (bbh_channel_info_get_member (first, "duration"), ==, "125");
  g_assert_cmpstr (bbh_channel_info_get_member (first, "queue"), ==, "{\"id\":\"9007199254740993\"}");
  g_assert_null (bbh_channel_info_get_member (first, "extra"));
  g_assert_null (bbh_channel_info_get_member (first, "nothing"));
  second = g_list_model_get_item (channels, 1);
  g_assert_cmpstr (bbh_channel_info_get_member (second, "busy"), ==, "true");
  g_clear_object (&stats);

  /* Without a company number the parameter is not sent; a wrapped answer with null rows. */
  bbh_test_server_queue_json (f->server, "systemChannels",
                              "{\"code\":0,\"data\":{\"totalNum\":8,\"channelviewinfo\":null}}");
  stats = system_channels (f, NULL, &error);
  g_assert_no_error (error);
  assert_params_exactly (bbh_test_server_get_last (f->server), "systemChannels", NULL);
  g_assert_cmpint (bbh_channel_stats_get_total_channels (stats), ==, 8);
  g_assert_cmpint (bbh_channel_stats_get_used_normal (stats), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bbh_channel_stats_get_channels (stats)), ==, 0);
  g_clear_object (&stats);

  stats = system_channels (f, "10OO08", &error);
  g_assert_null (stats);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10OO08"));
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 2);
}

/* ---- getChannelList ---- */

static GListModel *
get_channel_list (Fixture   *f,
                  gboolean   queue_only,
                  guint64   *total,
                  GError   **error)
{
  bbh_client_get_channel_list_async (f->client, queue_only, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_channel_list_finish (f->client, f->result, total, error);
}

static void
test_get_channel_list (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) calls = NULL;
  g_autoptr(BbhQueuedCall) a = NULL;
  g_autoptr(BbhQueuedCall) b = NULL;
  g_autoptr(BbhQueuedCall) c = NULL;
  g_autoptr(GDateTime) expected = NULL;
  GDateTime *when;
  guint64 total = 0;

  bbh_test_server_queue_json (f->server, "getChannelList",
    "{\"code\":\"0\",\"rows\":["
    "{\"channelName\":\"SIP/trunk-0001\",\"callinTel\":\"13800138000\",\"createTime\":\"2024-05-01 09:30:15\",\"queueId\":\"9007199254740993\"},"
    "{\"channelName\":\"SIP/trunk-0002\",\"callinTel\":13900139000,\"createTime\":1714527075000,\"queueId\":12},"
    "{\"channelName\":\"排队\",\"callinTel\":\"02367073578\",\"createTime\":\"昨天\"}]}");
  calls = get_channel_list (f, TRUE, &total, &error);
  g_assert_no_error (error);
  assert_params_exactly (bbh_test_server_get_last (f->server), "getChannelList", "queueSize", "1", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 3);
  g_assert_cmpuint (total, ==, 3);

  a = g_list_model_get_item (calls, 0);
  g_assert_cmpstr (bbh_queued_call_get_channel_name (a), ==, "SIP/trunk-0001");
  g_assert_cmpstr (bbh_queued_call_get_phone (a), ==, "13800138000");
  g_assert_cmpstr (bbh_queued_call_get_create_time_text (a), ==, "2024-05-01 09:30:15");
  /* Local wall time, read in Asia/Shanghai (UTC+8). */
  g_assert_cmpint (bbh_queued_call_get_create_time_ms (a), ==, G_GINT64_CONSTANT (1714527015000));
  g_assert_cmpint (bbh_queued_call_get_queue_id (a), ==, G_GINT64_CONSTANT (9007199254740993));
  when = bbh_queued_call_get_create_time (a);
  g_assert_nonnull (when);
  expected = g_date_time_new_from_unix_utc (1714527015);
  g_assert_true (g_date_time_equal (when, expected));
  g_assert_cmpint (g_date_time_get_hour (when), ==, 9);

  b = g_list_model_get_item (calls, 1);
  g_assert_cmpstr (bbh_queued_call_get_phone (b), ==, "13900139000");
  g_assert_cmpint (bbh_queued_call_get_create_time_ms (b), ==, G_GINT64_CONSTANT (1714527075000));
  g_assert_cmpint (g_date_time_get_minute (bbh_queued_call_get_create_time (b)), ==, 31);
  g_assert_cmpint (bbh_queued_call_get_queue_id (b), ==, 12);

  /* An unreadable time is kept as text and is not a crash or a made-up date. */
  c = g_list_model_get_item (calls, 2);
  g_assert_cmpstr (bbh_queued_call_get_channel_name (c), ==, "排队");
  g_assert_cmpstr (bbh_queued_call_get_create_time_text (c), ==, "昨天");
  g_assert_cmpint (bbh_queued_call_get_create_time_ms (c), ==, 0);
  g_assert_null (bbh_queued_call_get_create_time (c));
  g_assert_cmpint (bbh_queued_call_get_queue_id (c), ==, 0);
  g_clear_object (&calls);

  /* Every channel; rows under `data`; then a null list. */
  bbh_test_server_queue_json (f->server, "getChannelList",
                              "{\"code\":0,\"total\":9,\"data\":[{\"channelName\":\"x\",\"queueId\":1}]}");
  calls = get_channel_list (f, FALSE, &total, &error);
  g_assert_no_error (error);
  assert_params_exactly (bbh_test_server_get_last (f->server), "getChannelList", "queueSize", "0", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 1);
  g_assert_cmpuint (total, ==, 9);
  g_clear_object (&calls);

  bbh_test_server_queue_json (f->server, "getChannelList", "{\"code\":0,\"rows\":null}");
  calls = get_channel_list (f, TRUE, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 0);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_channel_list_times (Fixture       *f,
                         gconstpointer  data)
{
  /* Every spelling of 2024-05-01 09:30:15 in Chongqing seen from servers and proxies. */
  static const char *spellings[] = {
    "\"2024-05-01 09:30:15\"", "\"2024-05-01T09:30:15\"", "\"2024/05/01 09:30:15\"",
    "\"20240501093015\"", "\"1714527015\"", "1714527015", "1714527015000", "\" 1714527015000 \"",
    "\"2024-05-01T01:30:15Z\"", "\"2024-05-01 09:30:15.250\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) calls = NULL;
      g_autoptr(BbhQueuedCall) call = NULL;
      g_autofree char *body = g_strdup_printf ("{\"code\":0,\"rows\":[{\"callinTel\":\"1\",\"createTime\":%s}]}",
                                               spellings[i]);

      g_test_message ("createTime %s", spellings[i]);
      bbh_test_server_queue_json (f->server, "getChannelList", body);
      calls = get_channel_list (f, TRUE, NULL, &error);
      g_assert_no_error (error);
      call = g_list_model_get_item (calls, 0);
      g_assert_cmpint (bbh_queued_call_get_create_time_ms (call) / 1000, ==, 1714527015);
      g_assert_cmpint (g_date_time_get_hour (bbh_queued_call_get_create_time (call)), ==, 9);
    }
}

/* ---- addBlacklists / delBlacklists / getBlacklists ---- */

static gboolean
add_blacklists (Fixture            *f,
                const char * const *phones,
                GError            **error)
{
  bbh_client_add_blacklists_async (f->client, phones, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_add_blacklists_finish (f->client, f->result, error);
}

static gboolean
del_blacklists (Fixture            *f,
                const char * const *phones,
                GError            **error)
{
  bbh_client_del_blacklists_async (f->client, phones, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_del_blacklists_finish (f->client, f->result, error);
}

static void
test_add_del_blacklists (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const three[] = { "13002300000", " 13002300001 ", "+8602367073578", "13002300000", NULL };
  const char * const one[] = { "13002300001", NULL };

  g_assert_true (add_blacklists (f, three, &error));
  g_assert_no_error (error);
  /* Joined with commas, trimmed, each number once, in the order given. */
  assert_params_exactly (bbh_test_server_get_last (f->server), "addBlacklists",
                         "phones", "13002300000,13002300001,+8602367073578", NULL);
  g_assert_nonnull (strstr (bbh_test_server_get_last (f->server)->query,
                            "phones=13002300000%2C13002300001%2C%2B8602367073578"));

  g_assert_true (del_blacklists (f, one, &error));
  g_assert_no_error (error);
  assert_params_exactly (bbh_test_server_get_last (f->server), "delBlacklists",
                         "phones", "13002300001", NULL);

  bbh_test_server_queue_json (f->server, "addBlacklists", "{\"code\":-10,\"message\":\"号码已存在\"}");
  g_assert_false (add_blacklists (f, one, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_EXISTS);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 3);
}

static void
test_blacklists_rejected (Fixture       *f,
                          gconstpointer  data)
{
  const char * const empty[] = { NULL };
  const char * const letters[] = { "13002300000", "1300abc", NULL };
  const char * const blank[] = { "13002300000", "  ", NULL };
  const char * const dashes[] = { "023-67073578", NULL };
  struct {
    const char * const *phones;
    gboolean            add;
    const char         *words;
  } cases[] = {
    { NULL, TRUE, "at least one" },
    { empty, TRUE, "at least one" },
    { empty, FALSE, "at least one" },
    { letters, TRUE, "“1300abc”" },
    { blank, FALSE, "number 2" },
    { dashes, FALSE, "“023-67073578”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (cases[i].add)
        ok = add_blacklists (f, cases[i].phones, &error);
      else
        ok = del_blacklists (f, cases[i].phones, &error);
      g_assert_false (ok);
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

static GListModel *
get_blacklists (Fixture  *f,
                GError  **error)
{
  bbh_client_get_blacklists_async (f->client, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_blacklists_finish (f->client, f->result, NULL, error);
}

static void
assert_phones (GListModel *entries,
               ...)
{
  va_list args;
  const char *phone;
  guint i = 0;

  va_start (args, entries);
  while ((phone = va_arg (args, const char *)) != NULL)
    {
      g_autoptr(BbhBlacklistEntry) entry = NULL;

      g_assert_cmpuint (i, <, g_list_model_get_n_items (entries));
      entry = g_list_model_get_item (entries, i++);
      g_assert_cmpstr (bbh_blacklist_entry_get_phone (entry), ==, phone);
    }
  va_end (args);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, i);
}

static void
test_get_blacklists (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(BbhBlacklistEntry) entry = NULL;
  guint64 total = 0;

  /* An array of strings (and a number). */
  bbh_test_server_queue_json (f->server, "getBlacklists",
                              "{\"code\":0,\"blaPhone\":[\"13002300000\",13002300001,\"\",null]}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_params_exactly (bbh_test_server_get_last (f->server), "getBlacklists", NULL);
  assert_phones (entries, "13002300000", "13002300001", NULL);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) bbh_blacklist_entry_get_member_names (entry)), ==, 0);
  g_clear_object (&entry);
  g_clear_object (&entries);

  /* An array of objects: the number and whatever else the server says. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
    "{\"code\":0,\"blaPhone\":[{\"blaId\":\"9007199254740993\",\"blaPhone\":\"13002300000\",\"blaTime\":\"2024-05-01 10:00:00\",\"blaMemo\":\"骚扰\"},"
    "{\"phone\":\"02367073578\"},{\"blaMemo\":\"no number\"}]}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300000", "02367073578", NULL);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (bbh_blacklist_entry_get_member (entry, "blaId"), ==, "9007199254740993");
  g_assert_cmpstr (bbh_blacklist_entry_get_member (entry, "blaTime"), ==, "2024-05-01 10:00:00");
  g_assert_cmpstr (bbh_blacklist_entry_get_member (entry, "blaMemo"), ==, "骚扰");
  g_assert_cmpstr (bbh_blacklist_entry_get_member_names (entry)[0], ==, "blaId");
  g_clear_object (&entry);
  g_clear_object (&entries);

  /* A comma-separated string, with a full-width comma and spaces from hand editing. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
                              "{\"code\":0,\"blaPhone\":\"13002300000, 13002300001，13002300002,\"}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300000", "13002300001", "13002300002", NULL);
  g_clear_object (&entries);

  /* Under `rows`, with a total. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
                              "{\"code\":0,\"total\":\"120\",\"rows\":[{\"blaPhone\":\"13002300009\"}]}");
  bbh_client_get_blacklists_async (f->client, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  entries = bbh_client_get_blacklists_finish (f->client, f->result, &total, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300009", NULL);
  g_assert_cmpuint (total, ==, 120);
  g_clear_object (&entries);

  /* Bare numbers and full rows side by side: the rows, which say more, are used. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
    "{\"code\":0,\"blaPhone\":[\"13002300005\",\"13002300006\"],\"rows\":["
    "{\"blaId\":2,\"blaPhone\":\"13002300005\",\"blaCreateTime\":\"2024-05-02 08:00:00\"},"
    "{\"blaId\":1,\"blaPhone\":\"13002300006\",\"blaCreateTime\":\"2024-05-01 08:00:00\"}],\"total\":2}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300005", "13002300006", NULL);
  entry = g_list_model_get_item (entries, 1);
  g_assert_cmpstr (bbh_blacklist_entry_get_member (entry, "blaCreateTime"), ==, "2024-05-01 08:00:00");
  g_clear_object (&entry);
  g_clear_object (&entries);

  /* A map keyed by id. */
  bbh_test_server_queue_json (f->server, "getBlacklists",
                              "{\"code\":0,\"blaPhone\":{\"1\":{\"blaPhone\":\"13002300007\"},\"2\":{\"blaPhone\":\"13002300008\"}}}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, "13002300007", "13002300008", NULL);
  g_clear_object (&entries);

  /* Null, missing and empty all mean an empty blacklist. */
  bbh_test_server_queue_json (f->server, "getBlacklists", "{\"code\":0,\"blaPhone\":null}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, NULL);
  g_clear_object (&entries);

  bbh_test_server_queue_json (f->server, "getBlacklists", "{\"code\":0}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, NULL);
  g_clear_object (&entries);

  bbh_test_server_queue_json (f->server, "getBlacklists", "{\"code\":0,\"blaPhone\":\"\"}");
  entries = get_blacklists (f, &error);
  g_assert_no_error (error);
  assert_phones (entries, NULL);
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
  ADD ("/agent/admin/system-channels", test_system_channels);
  ADD ("/agent/admin/get-channel-list", test_get_channel_list);
  ADD ("/agent/admin/get-channel-list/times", test_channel_list_times);
  ADD ("/agent/admin/blacklists/add-del", test_add_del_blacklists);
  ADD ("/agent/admin/blacklists/rejected", test_blacklists_rejected);
  ADD ("/agent/admin/blacklists/get", test_get_blacklists);
  ADD ("/agent/admin/permission-denied", test_permission_denied);
#undef ADD

  return g_test_run ();
}

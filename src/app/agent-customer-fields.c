/* agent-customer-fields.c — the company's labels and choice lists for customer fields
 *
 * Each company names its customer fields (custOther1..3 above all) and keeps its own choice
 * lists for status, type, source and so on. The customer list, the detail and the editor all
 * need them, so they are asked for once per login (getTableFields and getCodes) and kept on
 * the client: a new login has a new client and asks again. Until the answers are in, and for
 * a field the company does not name, the built-in translated labels are used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-fields"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-customer-fields.h"

#define DATA_KEY "agent-customer-fields"

struct _AgentCustomerFields
{
  GObject     parent_instance;

  /* Owned */
  GHashTable *labels;     /* member → the company's label */
  GHashTable *codes;      /* code type → GListStore of BbhCode */
  GCancellable *cancellable;

  guint       waiting;
  guint       loaded : 1;
};

G_DEFINE_FINAL_TYPE (AgentCustomerFields, agent_customer_fields, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const code_types[] = {
  AGENT_CODES_STATUS,
  AGENT_CODES_TYPE,
  AGENT_CODES_SOURCE,
  AGENT_CODES_SEX,
  AGENT_CODES_BIRTHDAY_TYPE,
  AGENT_CODES_PHONE_TYPE,
};

static const struct
{
  const char *member;
  const char *label;
} builtin_labels[] = {
  { "custName", N_("Name") },
  { "custCorpName", N_("Company") },
  { "custStatus", N_("Status") },
  { "custType", N_("Customer type") },
  { "custSource", N_("Source") },
  { "custSex", N_("Sex") },
  { "custAge", N_("Age") },
  { "custBirthdayType", N_("Birthday calendar") },
  { "custBirthday", N_("Birthday") },
  { "custQQ", N_("QQ") },
  { "custArea", N_("Area") },
  { "custAddr", N_("Address") },
  { "custMemo", N_("Notes") },
  { "custOther1", N_("Other 1") },
  { "custOther2", N_("Other 2") },
  { "custOther3", N_("Other 3") },
  { "cpPhone", N_("Phone") },
  { "cpType", N_("Phone type") },
  { "cpLinkMan", N_("Contact") },
};

static void
one_done (AgentCustomerFields *self)
{
  g_assert (self->waiting > 0);

  if (--self->waiting > 0)
    return;

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
on_table_fields_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AgentCustomerFields) self = user_data;
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(GError) error = NULL;

  fields = bbh_client_get_table_fields_finish (BBH_CLIENT (object), result, NULL, &error);
  if (fields == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The company's field labels could not be loaded: %s", error->message);
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
        {
          g_autoptr(BbhTableField) field = g_list_model_get_item (fields, i);
          const char *name = bbh_table_field_get_name (field);
          const char *label = bbh_table_field_get_label (field);

          if (name != NULL && label != NULL && *label != '\0')
            g_hash_table_insert (self->labels, g_strdup (name), g_strdup (label));
        }
    }

  one_done (self);
}

static GListStore *
ensure_store (AgentCustomerFields *self,
              const char          *code_type)
{
  GListStore *store = g_hash_table_lookup (self->codes, code_type);

  if (store == NULL)
    {
      store = g_list_store_new (BBH_TYPE_CODE);
      g_hash_table_insert (self->codes, g_strdup (code_type), store);
    }
  return store;
}

typedef struct
{
  AgentCustomerFields *self;
  char                *code_type;
} CodesRequest;

static void
on_codes_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CodesRequest *request = user_data;
  g_autoptr(AgentCustomerFields) self = request->self;
  g_autofree char *code_type = request->code_type;
  g_autoptr(GListModel) codes = NULL;
  g_autoptr(GError) error = NULL;

  g_free (request);

  codes = bbh_client_get_codes_finish (BBH_CLIENT (object), result, NULL, &error);
  if (codes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The choices of %s could not be loaded: %s", code_type, error->message);
    }
  else
    {
      GListStore *store = ensure_store (self, code_type);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
        g_ptr_array_add (items, g_list_model_get_item (codes, i));
      g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                           items->pdata, items->len);
    }

  one_done (self);
}

static void
agent_customer_fields_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AgentCustomerFields *self = AGENT_CUSTOMER_FIELDS (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_customer_fields_dispose (GObject *object)
{
  AgentCustomerFields *self = AGENT_CUSTOMER_FIELDS (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (agent_customer_fields_parent_class)->dispose (object);
}

static void
agent_customer_fields_finalize (GObject *object)
{
  AgentCustomerFields *self = AGENT_CUSTOMER_FIELDS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);

  G_OBJECT_CLASS (agent_customer_fields_parent_class)->finalize (object);
}

static void
agent_customer_fields_class_init (AgentCustomerFieldsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_customer_fields_get_property;
  object_class->dispose = agent_customer_fields_dispose;
  object_class->finalize = agent_customer_fields_finalize;

  /**
   * AgentCustomerFields:loaded:
   *
   * Whether every answer (labels and choice lists) is in, or failed.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
agent_customer_fields_init (AgentCustomerFields *self)
{
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
}

static void
start_loading (AgentCustomerFields *self,
               BbhClient           *client)
{
  self->waiting = 1 + G_N_ELEMENTS (code_types);

  bbh_client_get_table_fields_async (client, FALSE, self->cancellable, on_table_fields_cb,
                                     g_object_ref (self));
  for (guint i = 0; i < G_N_ELEMENTS (code_types); i++)
    {
      CodesRequest *request = g_new0 (CodesRequest, 1);

      request->self = g_object_ref (self);
      request->code_type = g_strdup (code_types[i]);
      ensure_store (self, code_types[i]);
      bbh_client_get_codes_async (client, code_types[i], self->cancellable,
                                  on_codes_cb, request);
    }
}

/**
 * agent_customer_fields_get_for_client:
 * @client: the logged-in client
 *
 * The labels and choices of @client's company; the first call asks the server for them.
 *
 * Returns: (transfer none): the fields, kept with @client
 */
AgentCustomerFields *
agent_customer_fields_get_for_client (BbhClient *client)
{
  AgentCustomerFields *self;

  g_return_val_if_fail (BBH_IS_CLIENT (client), NULL);

  self = g_object_get_data (G_OBJECT (client), DATA_KEY);
  if (self == NULL)
    {
      self = g_object_new (AGENT_TYPE_CUSTOMER_FIELDS, NULL);
      g_object_set_data_full (G_OBJECT (client), DATA_KEY, self, g_object_unref);
      start_loading (self, client);
    }

  return self;
}

gboolean
agent_customer_fields_get_loaded (AgentCustomerFields *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_FIELDS (self), FALSE);

  return self->loaded;
}

/**
 * agent_customer_fields_dup_label:
 * @self: the fields
 * @member: a field by its wire name: `custName`, `custOther1`, `cpPhone`, …
 *
 * Returns: (transfer full): what the company calls @member, or the built-in translated label
 */
char *
agent_customer_fields_dup_label (AgentCustomerFields *self,
                                 const char          *member)
{
  const char *label;

  g_return_val_if_fail (AGENT_IS_CUSTOMER_FIELDS (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);

  label = g_hash_table_lookup (self->labels, member);
  if (label != NULL)
    return g_strdup (label);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_labels); i++)
    if (g_str_equal (builtin_labels[i].member, member))
      return g_strdup (_(builtin_labels[i].label));

  return g_strdup (member);
}

/**
 * agent_customer_fields_get_codes:
 * @self: the fields
 * @code_type: a coded field, e.g. %AGENT_CODES_STATUS
 *
 * Returns: (transfer none): a #GListModel of #BbhCode, empty until the choices arrive (it is
 *   then filled in place)
 */
GListModel *
agent_customer_fields_get_codes (AgentCustomerFields *self,
                                 const char          *code_type)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_FIELDS (self), NULL);
  g_return_val_if_fail (code_type != NULL, NULL);

  return G_LIST_MODEL (ensure_store (self, code_type));
}

/**
 * agent_customer_fields_get_code_text:
 * @self: the fields
 * @code_type: a coded field
 * @value: (nullable): a stored value
 *
 * Returns: (nullable): what @value means to a person, or @value itself when the company has
 *   no such choice
 */
const char *
agent_customer_fields_get_code_text (AgentCustomerFields *self,
                                     const char          *code_type,
                                     const char          *value)
{
  GListModel *codes;

  g_return_val_if_fail (AGENT_IS_CUSTOMER_FIELDS (self), value);

  if (value == NULL || *value == '\0')
    return value;

  codes = G_LIST_MODEL (ensure_store (self, code_type));
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(BbhCode) code = g_list_model_get_item (codes, i);

      if (g_strcmp0 (bbh_code_get_value (code), value) == 0)
        {
          const char *text = bbh_code_get_text (code);

          return text != NULL && *text != '\0' ? text : value;
        }
    }

  return value;
}

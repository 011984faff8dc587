/* bbh-table-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-table-field"

#include "config.h"

#include "bbh-customers-private.h"
#include "bbh-json-private.h"
#include "bbh-table-field.h"

/**
 * BbhTableField:
 *
 * A field of the customer table and the label a company gives it: each company names its
 * custOther1..3 (and may rename the others), so a customer form asks getTableFields for
 * the labels instead of hard-coding them.
 *
 * The document does not name the members of the answer (2.6.3, "字段基础资料"). Field rows
 * are read with the spellings such tables usually have (fieldName/field and
 * chineseName/label, with `name` as whichever is missing), and a plain map of field name to
 * label is accepted too. Every member of a row stays readable with bbh_table_field_dup_field().
 */
struct _BbhTableField
{
  GObject parent_instance;

  /* Owned */
  JsonObject *raw;    /* NULL for a field read from a map */
  char       *name;   /* the member, as in getcustomer: custName, custOther1, … */
  char       *label;  /* what the company calls it */
};

G_DEFINE_FINAL_TYPE (BbhTableField, bbh_table_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gpointer
bbh_table_field_parse (JsonObject *object)
{
  BbhTableField *self;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  name = bbh_json_dup_string_any (object, "fieldName", "field", "tfName", "tfField", "colName",
                                  "columnName", "fieldCode", "code", "key", NULL);
  label = bbh_json_dup_string_any (object, "chineseName", "tfChineseName", "fieldChineseName",
                                   "fieldLabel", "label", "text", "title", "showName", "cnName",
                                   "displayName", "value", NULL);
  if (name == NULL)
    name = bbh_json_dup_string (object, "name");
  else if (label == NULL)
    label = bbh_json_dup_string (object, "name");

  if (name == NULL || *name == '\0')
    return NULL;

  self = g_object_new (BBH_TYPE_TABLE_FIELD, NULL);
  self->raw = json_object_ref (object);
  self->name = g_steal_pointer (&name);
  self->label = label != NULL ? g_steal_pointer (&label) : g_strdup (self->name);
  return self;
}

BbhTableField *
bbh_table_field_new_pair (const char *name,
                          const char *label)
{
  BbhTableField *self = g_object_new (BBH_TYPE_TABLE_FIELD, NULL);

  self->name = g_strdup (name);
  self->label = g_strdup (label != NULL ? label : name);
  return self;
}

static void
bbh_table_field_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbhTableField *self = BBH_TABLE_FIELD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_table_field_finalize (GObject *object)
{
  BbhTableField *self = BBH_TABLE_FIELD (object);

  g_clear_pointer (&self->raw, json_object_unref);
  g_free (self->name);
  g_free (self->label);

  G_OBJECT_CLASS (bbh_table_field_parent_class)->finalize (object);
}

static void
bbh_table_field_class_init (BbhTableFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_table_field_get_property;
  object_class->finalize = bbh_table_field_finalize;

  /**
   * BbhTableField:name:
   *
   * The field's member name, as getcustomer spells it (`custOther1`).
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhTableField:label:
   *
   * The label to show for it; the name itself when the server gave none.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_table_field_init (BbhTableField *self)
{
}

/**
 * bbh_table_field_get_name:
 * @self: a #BbhTableField
 *
 * Returns: #BbhTableField:name, never %NULL.
 */
const char *
bbh_table_field_get_name (BbhTableField *self)
{
  g_return_val_if_fail (BBH_IS_TABLE_FIELD (self), NULL);
  return self->name;
}

/**
 * bbh_table_field_get_label:
 * @self: a #BbhTableField
 *
 * Returns: #BbhTableField:label, never %NULL.
 */
const char *
bbh_table_field_get_label (BbhTableField *self)
{
  g_return_val_if_fail (BBH_IS_TABLE_FIELD (self), NULL);
  return self->label;
}

/**
 * bbh_table_field_dup_field:
 * @self: a #BbhTableField
 * @member: a member of the server's row, spelled as on the wire
 *
 * Returns: (transfer full) (nullable): the member as text; %NULL when the server did not
 *   send it, or sent the fields as a plain map.
 */
char *
bbh_table_field_dup_field (BbhTableField *self,
                           const char    *member)
{
  g_return_val_if_fail (BBH_IS_TABLE_FIELD (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);
  return self->raw != NULL ? bbh_json_dup_string (self->raw, member) : NULL;
}

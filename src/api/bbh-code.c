/* bbh-code.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-code"

#include "config.h"

#include "bbh-code.h"
#include "bbh-customers-private.h"
#include "bbh-json-private.h"

/**
 * BbhCode:
 *
 * One choice of a coded field, such as a customer status: the value that is stored and sent
 * (custStatus=…) and the text shown for it. getcustomer's `worktype` rows are read the same way.
 *
 * The document gives only `ROWS` for the answer, not the members of a row; the spellings
 * read here are the usual ones of the vendor's tables (codeValue/codeName), with the plain
 * value/text/name as fallbacks. bbh_code_dup_field() reads any other member.
 */
struct _BbhCode
{
  GObject parent_instance;

  /* Owned */
  JsonObject *raw;
  char       *value;      /* codeValue / value / code */
  char       *text;       /* codeName / codeText / text / name */
  char       *code_type;  /* codeType */
};

G_DEFINE_FINAL_TYPE (BbhCode, bbh_code, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_TEXT,
  PROP_CODE_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A row with neither a value nor a text is skipped; one with only one of them uses it for
 * both, so that a list of plain names still offers its choices. */
gpointer
bbh_code_parse (JsonObject *object)
{
  BbhCode *self;
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  value = bbh_json_dup_string_any (object, "codeValue", "value", "code", "codeId", "wtId", "id",
                                   NULL);
  text = bbh_json_dup_string_any (object, "codeName", "codeText", "text", "name", "label",
                                  "wtName", NULL);
  if (value == NULL && text == NULL)
    return NULL;
  if (value == NULL)
    value = g_strdup (text);
  if (text == NULL)
    text = g_strdup (value);

  self = g_object_new (BBH_TYPE_CODE, NULL);
  self->raw = json_object_ref (object);
  self->value = g_steal_pointer (&value);
  self->text = g_steal_pointer (&text);
  self->code_type = bbh_json_dup_string (object, "codeType");
  return self;
}

static void
bbh_code_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BbhCode *self = BBH_CODE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_CODE_TYPE:
      g_value_set_string (value, self->code_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_code_finalize (GObject *object)
{
  BbhCode *self = BBH_CODE (object);

  g_clear_pointer (&self->raw, json_object_unref);
  g_free (self->value);
  g_free (self->text);
  g_free (self->code_type);

  G_OBJECT_CLASS (bbh_code_parent_class)->finalize (object);
}

static void
bbh_code_class_init (BbhCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_code_get_property;
  object_class->finalize = bbh_code_finalize;

  /**
   * BbhCode:value:
   *
   * What is stored and sent for this choice.
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCode:text:
   *
   * What the agent sees for it.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCode:code-type:
   *
   * The field the code belongs to (`codeType`), when the server repeats it.
   */
  properties[PROP_CODE_TYPE] =
    g_param_spec_string ("code-type", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_code_init (BbhCode *self)
{
}

/**
 * bbh_code_get_value:
 * @self: a #BbhCode
 *
 * Returns: #BbhCode:value, never %NULL.
 */
const char *
bbh_code_get_value (BbhCode *self)
{
  g_return_val_if_fail (BBH_IS_CODE (self), NULL);
  return self->value;
}

/**
 * bbh_code_get_text:
 * @self: a #BbhCode
 *
 * Returns: #BbhCode:text, never %NULL.
 */
const char *
bbh_code_get_text (BbhCode *self)
{
  g_return_val_if_fail (BBH_IS_CODE (self), NULL);
  return self->text;
}

/**
 * bbh_code_get_code_type:
 * @self: a #BbhCode
 *
 * Returns: (nullable): #BbhCode:code-type, %NULL when the server did not send it.
 */
const char *
bbh_code_get_code_type (BbhCode *self)
{
  g_return_val_if_fail (BBH_IS_CODE (self), NULL);
  return self->code_type;
}

/**
 * bbh_code_dup_field:
 * @self: a #BbhCode
 * @member: a member of the server's answer, spelled as on the wire
 *
 * Returns: (transfer full) (nullable): the member as text; %NULL when the server did not
 *   send it.
 */
char *
bbh_code_dup_field (BbhCode    *self,
                    const char *member)
{
  g_return_val_if_fail (BBH_IS_CODE (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);
  return bbh_json_dup_string (self->raw, member);
}

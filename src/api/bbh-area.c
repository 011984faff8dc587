/* bbh-area.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-area"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-records-private.h"

struct _BbhArea
{
  GObject parent_instance;

  char *area;
  char *phone;
  char *area_code;
};

G_DEFINE_FINAL_TYPE (BbhArea, bbh_area, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AREA,
  PROP_PHONE,
  PROP_AREA_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* An answer that names neither an area nor an area code does not say where the number is
 * from: that is a protocol error, not an empty area, so the pop-up does not show a blank. */
gpointer
bbh_area_parse (JsonObject  *root,
                GError     **error)
{
  BbhArea *self;
  JsonObject *o;

  o = bbh_records_find_object (root, "area");
  if (o == NULL)
    o = bbh_records_find_object (root, "areaCode");
  if (o == NULL)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                           _("The server did not say where the number is from."));
      return NULL;
    }

  self = g_object_new (BBH_TYPE_AREA, NULL);
  self->area = bbh_json_dup_string (o, "area");
  self->phone = bbh_json_dup_string (o, "phone");
  self->area_code = bbh_json_dup_string (o, "areaCode");
  return self;
}

static void
bbh_area_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BbhArea *self = BBH_AREA (object);

  switch (prop_id)
    {
    case PROP_AREA:
      g_value_set_string (value, self->area);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_AREA_CODE:
      g_value_set_string (value, self->area_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_area_finalize (GObject *object)
{
  BbhArea *self = BBH_AREA (object);

  g_free (self->area);
  g_free (self->phone);
  g_free (self->area_code);

  G_OBJECT_CLASS (bbh_area_parent_class)->finalize (object);
}

static void
bbh_area_class_init (BbhAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_area_get_property;
  object_class->finalize = bbh_area_finalize;

  properties[PROP_AREA] =
    g_param_spec_string ("area", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AREA_CODE] =
    g_param_spec_string ("area-code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_area_init (BbhArea *self)
{
}

/* The place, such as “重庆 联通”, as the server words it. */
const char *
bbh_area_get_area (BbhArea *self)
{
  g_return_val_if_fail (BBH_IS_AREA (self), NULL);
  return self->area;
}

const char *
bbh_area_get_phone (BbhArea *self)
{
  g_return_val_if_fail (BBH_IS_AREA (self), NULL);
  return self->phone;
}

/* The long-distance prefix, such as “023”. */
const char *
bbh_area_get_area_code (BbhArea *self)
{
  g_return_val_if_fail (BBH_IS_AREA (self), NULL);
  return self->area_code;
}

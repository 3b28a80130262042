package cn.unionhub.station.map.domain;

/**
 * The coordinate system a position is written in. Maps in mainland China (WeChat's
 * {@code wx.getLocation} with {@code type: 'gcj02'}, AMap, Tencent Maps) use GCJ-02, an obfuscated
 * WGS-84 required by Chinese law; GPS receivers and OpenStreetMap use WGS-84. Stations are stored in
 * WGS-84 and every answer is given back in the caller's datum, so a pin lands where the station is.
 */
public enum Datum {
    WGS84,
    GCJ02
}
